using System.Globalization;

namespace Entra.Actions.Emulator;

/// <summary>
/// The built-in demo tenant "Contoso": 32 users (one guest, one disabled), one group of every kind, a directory role and an
/// administrative unit, with stable, documented ids so tests and samples can refer to them.
/// </summary>
/// <remarks>
/// Memberships: <see cref="SalesAndMarketingGroupId"/> (security) contains Alex Wilber, Megan Bowen, Lee Gu and the nested
/// <see cref="RetailTeamGroupId"/>, which contains Adele Vance and Diego Siciliani (so Adele is a transitive, not a direct,
/// member of Sales and Marketing). <see cref="HrTaskforceGroupId"/> (Microsoft 365) contains Megan Bowen, Alex Wilber and
/// Lidia Holloway. <see cref="AllCompanyGroupId"/> (Microsoft 365) contains every member user (paging tests).
/// <see cref="ProjectFalconGroupId"/> is an empty security group. <see cref="SalesGroupId"/> (security) contains Isaiah Langer
/// and Christie Cline, not Alex Wilber (a sample adds him). Adele Vance is a member of none of the Microsoft 365 groups
/// except All Company. Beyond groups: Lee Gu holds the directory role <see cref="GroupsAdministratorRoleId"/>, and Lee Gu and
/// Megan Bowen are members of the administrative unit <see cref="SeattleOfficeUnitId"/>; both show up in their <c>memberOf</c>.
/// </remarks>
public static class DemoTenant
{
    /// <summary>The tenant id (<c>tid</c>).</summary>
    public const string TenantId = "5f1c4d1e-9a3b-4c7e-8f21-0c0de0e11a00";

    /// <summary>The tenant display name.</summary>
    public const string DisplayName = "Contoso";

    /// <summary>The default verified domain.</summary>
    public const string Domain = "contoso.com";

    /// <summary>The initial domain.</summary>
    public const string InitialDomain = "contoso.onmicrosoft.com";

    /// <summary>The application (client) id that <see cref="EmulatorTokens"/> puts into tokens by default.</summary>
    public const string ApplicationId = "0e1a7c2d-6b5f-4a8e-9d3c-0c0de0a99001";

    /// <summary>Adele Vance, Retail Manager (the Graph docs' sample user, same id). Default user of delegated tokens.</summary>
    public const string AdeleVanceId = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

    /// <summary>Adele Vance's user principal name.</summary>
    public const string AdeleVanceUpn = "AdeleV@contoso.com";

    /// <summary>Alex Wilber, Marketing Assistant.</summary>
    public const string AlexWilberId = "6e7b768e-07e2-4810-8459-485f84f8f204";

    /// <summary>Megan Bowen, Marketing Manager.</summary>
    public const string MeganBowenId = "48d31887-5fad-4d73-a9f5-3c356e68a038";

    /// <summary>Lee Gu, Director.</summary>
    public const string LeeGuId = "e3d0513b-449e-4198-ba6f-bd97ae7cae85";

    /// <summary>Diego Siciliani, HR Manager.</summary>
    public const string DiegoSicilianiId = "ec63c778-24e1-4240-bea3-d12a167d5232";

    /// <summary>Lidia Holloway, Product Manager.</summary>
    public const string LidiaHollowayId = "2ed03dfd-01d8-4005-a9ef-fa8ee546dc6c";

    /// <summary>A B2B guest (Jane Doe from Fabrikam) with an <c>#EXT#</c> UPN.</summary>
    public const string GuestUserId = "c0de0001-9e57-4b1d-8a2f-0c0de0f00d01";

    /// <summary>The guest's user principal name (send <c>#</c> as <c>%23</c> in a URL path).</summary>
    public const string GuestUserUpn = "jane.doe_fabrikam.com#EXT#@contoso.onmicrosoft.com";

    /// <summary>A disabled member account (Ray Hardy, left the company).</summary>
    public const string DisabledUserId = "c0de0002-4d1a-4b7e-9f10-0c0de0dead02";

    /// <summary>The disabled user's user principal name.</summary>
    public const string DisabledUserUpn = "RayH@contoso.com";

    /// <summary>HR Taskforce: a Microsoft 365 group (the Graph docs' sample group, same id).</summary>
    public const string HrTaskforceGroupId = "02bd9fd6-8f93-4758-87c3-1fb73740a315";

    /// <summary>All Company: a Microsoft 365 group with every member user.</summary>
    public const string AllCompanyGroupId = "7a1c0de0-3b8e-4f5d-a1c2-0c0de0000a11";

    /// <summary>Sales and Marketing: an assigned security group with a nested group.</summary>
    public const string SalesAndMarketingGroupId = "b320ee12-b1cd-4cca-b648-a437be61c5cd";

    /// <summary>Retail Team: an assigned security group nested in Sales and Marketing.</summary>
    public const string RetailTeamGroupId = "0f4ac3d2-6a1e-4e63-9d7b-0c0de0000b22";

    /// <summary>Project Falcon: an empty assigned security group (a safe target for add/remove).</summary>
    public const string ProjectFalconGroupId = "1e2d0c0d-9f8a-4b7c-8e6d-0c0de0000c33";

    /// <summary>Finance Approvers: a mail-enabled security group (read-only through Graph: writes return 400).</summary>
    public const string MailEnabledSecurityGroupId = "3c5e0c0d-1a2b-4c3d-9e4f-0c0de0000d44";

    /// <summary>Contoso News: a distribution list (read-only through Graph: writes return 400).</summary>
    public const string DistributionListGroupId = "4d6f0c0d-2b3c-4d4e-8f50-0c0de0000e55";

    /// <summary>Retail Managers (dynamic): a dynamic-membership security group (writes return 403).</summary>
    public const string DynamicGroupId = "5e700c0d-3c4d-4e5f-9061-0c0de0000f66";

    /// <summary>Legacy File Share: a security group synced from on-premises (writes return 400).</summary>
    public const string OnPremisesSyncedGroupId = "6f810c0d-4d5e-4f60-a172-0c0de0001077";

    /// <summary>Helpdesk Admins: a role-assignable security group (writes need RoleManagement.ReadWrite.Directory).</summary>
    public const string RoleAssignableGroupId = "70920c0d-5e6f-4071-b283-0c0de0001188";

    /// <summary>Sales: an assigned security group with Isaiah Langer and Christie Cline (not Alex Wilber, whom a sample adds).</summary>
    public const string SalesGroupId = "81a30c0d-6f70-4182-b394-0c0de0001299";

    /// <summary>Groups Administrator: the activated directory role (object id in this tenant) that Lee Gu holds.</summary>
    public const string GroupsAdministratorRoleId = "92b40c0d-8172-4394-b5d6-0c0de00013aa";

    /// <summary>The role template id of Groups Administrator (the same in every tenant).</summary>
    public const string GroupsAdministratorRoleTemplateId = "fdd7a751-b60b-444a-984c-02652fe8fa1c";

    /// <summary>Seattle Office: an administrative unit with Lee Gu and Megan Bowen.</summary>
    public const string SeattleOfficeUnitId = "a3c50c0d-9283-44a5-86e7-0c0de00014bb";

    private static readonly DateTimeOffset Created = new(2024, 1, 15, 9, 30, 0, TimeSpan.Zero);

    private static readonly (string Id, string Given, string Surname, string Alias, string JobTitle, string Department, string Office)[] Members =
    [
        (AdeleVanceId, "Adele", "Vance", "AdeleV", "Retail Manager", "Retail", "18/2111"),
        (AlexWilberId, "Alex", "Wilber", "AlexW", "Marketing Assistant", "Marketing", "131/1104"),
        (MeganBowenId, "Megan", "Bowen", "MeganB", "Marketing Manager", "Marketing", "12/1110"),
        (LeeGuId, "Lee", "Gu", "LeeG", "Director", "Manufacturing", "23/3101"),
        (DiegoSicilianiId, "Diego", "Siciliani", "DiegoS", "HR Manager", "HR", "14/1108"),
        (LidiaHollowayId, "Lidia", "Holloway", "LidiaH", "Product Manager", "Engineering", "20/1101"),
        (Generated(7), "Allan", "Deyoung", "AllanD", "IT Admin", "IT", "131/1105"),
        (Generated(8), "Christie", "Cline", "ChristieC", "Buyer", "Sales", "131/2103"),
        (Generated(9), "Debra", "Berger", "DebraB", "Administrative Assistant", "Executive Management", "18/2107"),
        (Generated(10), "Emily", "Braun", "EmilyB", "Budget Analyst", "Finance", "97/2302"),
        (Generated(11), "Enrico", "Cattaneo", "EnricoC", "Attorney", "Legal", "14/1102"),
        (Generated(12), "Grady", "Archie", "GradyA", "Designer", "R&D", "19/2109"),
        (Generated(13), "Henrietta", "Mueller", "HenriettaM", "Developer", "R&D", "18/1106"),
        (Generated(14), "Irvin", "Sayers", "IrvinS", "Director", "R&D", "19/2106"),
        (Generated(15), "Isaiah", "Langer", "IsaiahL", "Sales Rep", "Sales", "20/1101"),
        (Generated(16), "Johanna", "Lorenz", "JohannaL", "Senior Engineer", "Engineering", "23/2102"),
        (Generated(17), "Joni", "Sherman", "JoniS", "Paralegal", "Legal", "20/1109"),
        (Generated(18), "Lynne", "Robbins", "LynneR", "Planner", "Retail", "20/1104"),
        (Generated(19), "Miriam", "Graham", "MiriamG", "Director", "Sales & Marketing", "131/2102"),
        (Generated(20), "Nestor", "Wilke", "NestorW", "Director", "Operations", "36/2121"),
        (Generated(21), "Patti", "Fernandez", "PattiF", "President", "Executive Management", "15/1102"),
        (Generated(22), "Pradeep", "Gupta", "PradeepG", "Accountant", "Finance", "98/2202"),
        (Generated(23), "Alberta", "Torres", "AlbertaT", "Retail Manager", "Retail", "18/2112"),
        (Generated(24), "Brian", "Johnson", "BrianJ", "Sales Associate", "Retail", "18/2113"),
        (Generated(25), "Cameron", "White", "CameronW", "Support Engineer", "IT", "131/1106"),
        (Generated(26), "Dan", "Jump", "DanJ", "Chief Technology Officer", "Engineering", "23/3100"),
        (Generated(27), "Eva", "Corets", "EvaC", "Recruiter", "HR", "14/1109"),
        (Generated(28), "Faith", "Hackett", "FaithH", "Data Analyst", "Finance", "97/2303"),
        (Generated(29), "Gerhart", "Moller", "GerhartM", "Warehouse Lead", "Operations", "36/2122"),
        (Generated(30), "Hannah", "Jarvis", "HannahJ", "Store Clerk", "Retail", "18/2114"),
    ];

    /// <summary>Gets the number of users in the demo tenant.</summary>
    public static int UserCount => Members.Length + 2;

    /// <summary>Creates a fresh copy of the demo tenant (each call returns an independent directory).</summary>
    /// <returns>The directory.</returns>
    public static EmulatedDirectory Create()
    {
        var directory = new EmulatedDirectory(new EmulatedOrganization
        {
            Id = Guid.Parse(TenantId),
            DisplayName = DisplayName,
            VerifiedDomains = [Domain, InitialDomain],
            CountryLetterCode = "US",
            CreatedDateTime = new DateTimeOffset(2017, 7, 31, 18, 0, 0, TimeSpan.Zero),
        });

        var phone = 100;
        foreach (var m in Members)
        {
            phone++;
            directory.AddUser(new EmulatedUser
            {
                Id = Guid.Parse(m.Id),
                DisplayName = $"{m.Given} {m.Surname}",
                GivenName = m.Given,
                Surname = m.Surname,
                UserPrincipalName = $"{m.Alias}@{Domain}",
                Mail = $"{m.Alias}@{Domain}",
                MailNickname = m.Alias,
                JobTitle = m.JobTitle,
                Department = m.Department,
                OfficeLocation = m.Office,
                BusinessPhones = [string.Create(CultureInfo.InvariantCulture, $"+1 425 555 0{phone}")],
                MobilePhone = m.Id == AdeleVanceId ? "+1 425 555 0109" : null,
                PreferredLanguage = "en-US",
                UsageLocation = "US",
                Country = "United States",
                CompanyName = DisplayName,
                EmployeeId = string.Create(CultureInfo.InvariantCulture, $"E{phone:D5}"),
                CreatedDateTime = Created,
            });
        }

        // The sample user of Graph's documentation has exactly these phone numbers.
        directory.AddOrReplaceUser(directory.FindUser(AdeleVanceId)! with { BusinessPhones = ["+1 425 555 0109"] });

        directory.AddUser(new EmulatedUser
        {
            Id = Guid.Parse(GuestUserId),
            DisplayName = "Jane Doe (Fabrikam)",
            GivenName = "Jane",
            Surname = "Doe",
            UserPrincipalName = GuestUserUpn,
            Mail = "jane.doe@fabrikam.com",
            MailNickname = "jane.doe_fabrikam.com#EXT#",
            UserType = "Guest",
            CompanyName = "Fabrikam",
            CreatedDateTime = Created,
        });
        directory.AddUser(new EmulatedUser
        {
            Id = Guid.Parse(DisabledUserId),
            DisplayName = "Ray Hardy",
            GivenName = "Ray",
            Surname = "Hardy",
            UserPrincipalName = DisabledUserUpn,
            Mail = DisabledUserUpn,
            JobTitle = "Former Sales Rep",
            Department = "Sales",
            AccountEnabled = false,
            CreatedDateTime = Created,
        });

        directory.AddGroup(
            EmulatedGroup.CreateMicrosoft365(Guid.Parse(HrTaskforceGroupId), "HR Taskforce", "M365x214355.onmicrosoft.com") with
            {
                Description = "Welcome to the HR Taskforce team.",
                CreatedDateTime = new DateTimeOffset(2017, 7, 31, 18, 56, 16, TimeSpan.Zero),
                RenewedDateTime = new DateTimeOffset(2020, 1, 24, 19, 1, 14, TimeSpan.Zero),
                ResourceProvisioningOptions = ["Team"],
                SecurityIdentifier = "S-1-12-1-45981654-1196986259-3072312199-363020343",
            },
            Guid.Parse(MeganBowenId),
            Guid.Parse(AlexWilberId),
            Guid.Parse(LidiaHollowayId));
        directory.AddGroup(
            EmulatedGroup.CreateMicrosoft365(Guid.Parse(AllCompanyGroupId), "All Company", Domain) with
            {
                Description = "This is the default group for everyone in the network.",
                Visibility = "Public",
                CreatedDateTime = Created,
            },
            Members.Select(m => Guid.Parse(m.Id)));
        directory.AddGroup(
            EmulatedGroup.CreateSecurity(Guid.Parse(RetailTeamGroupId), "Retail Team") with { Description = "Store managers and planners.", CreatedDateTime = Created },
            Guid.Parse(AdeleVanceId),
            Guid.Parse(DiegoSicilianiId));
        directory.AddGroup(
            EmulatedGroup.CreateSecurity(Guid.Parse(SalesAndMarketingGroupId), "Sales and Marketing") with { Description = "Sales and Marketing.", CreatedDateTime = Created },
            Guid.Parse(AlexWilberId),
            Guid.Parse(MeganBowenId),
            Guid.Parse(LeeGuId),
            Guid.Parse(RetailTeamGroupId));
        directory.AddGroup(
            EmulatedGroup.CreateSecurity(Guid.Parse(ProjectFalconGroupId), "Project Falcon") with { Description = "Empty project group.", CreatedDateTime = Created });
        directory.AddGroup(
            EmulatedGroup.CreateMailEnabledSecurity(Guid.Parse(MailEnabledSecurityGroupId), "Finance Approvers", Domain) with { CreatedDateTime = Created },
            Guid.Parse(Generated(10)),
            Guid.Parse(Generated(22)));
        directory.AddGroup(
            EmulatedGroup.CreateDistributionList(Guid.Parse(DistributionListGroupId), "Contoso News", Domain) with { CreatedDateTime = Created },
            Guid.Parse(MeganBowenId));
        directory.AddGroup(
            EmulatedGroup.CreateDynamic(Guid.Parse(DynamicGroupId), "Retail Managers (dynamic)", "(user.jobTitle -eq \"Retail Manager\")") with { CreatedDateTime = Created },
            Members.Where(m => m.JobTitle == "Retail Manager").Select(m => Guid.Parse(m.Id)));
        directory.AddGroup(
            EmulatedGroup.CreateOnPremisesSynced(Guid.Parse(OnPremisesSyncedGroupId), "Legacy File Share", "corp.contoso.com") with
            {
                CreatedDateTime = Created,
                OnPremisesLastSyncDateTime = new DateTimeOffset(2025, 6, 1, 2, 0, 0, TimeSpan.Zero),
            },
            Guid.Parse(Generated(7)));
        directory.AddGroup(
            EmulatedGroup.CreateRoleAssignable(Guid.Parse(RoleAssignableGroupId), "Helpdesk Admins") with { CreatedDateTime = Created },
            Guid.Parse(Generated(25)));
        directory.AddGroup(
            EmulatedGroup.CreateSecurity(Guid.Parse(SalesGroupId), "Sales") with { Description = "The sales team.", CreatedDateTime = Created },
            Guid.Parse(Generated(15)),
            Guid.Parse(Generated(8)));
        directory.AddDirectoryRole(
            new EmulatedDirectoryRole
            {
                Id = Guid.Parse(GroupsAdministratorRoleId),
                DisplayName = "Groups Administrator",
                Description = "Members of this role can create/manage groups, create/manage groups settings like naming and expiration policies, and view groups activity and audit reports.",
                RoleTemplateId = GroupsAdministratorRoleTemplateId,
            },
            Guid.Parse(LeeGuId));
        directory.AddAdministrativeUnit(
            new EmulatedAdministrativeUnit { Id = Guid.Parse(SeattleOfficeUnitId), DisplayName = "Seattle Office", Description = "People of the Seattle office." },
            Guid.Parse(LeeGuId),
            Guid.Parse(MeganBowenId));
        return directory;
    }

    private static string Generated(int n) => string.Create(CultureInfo.InvariantCulture, $"a11ce{n:D3}-7d2e-4f1a-9b3c-0c0de0{n:D6}");
}
