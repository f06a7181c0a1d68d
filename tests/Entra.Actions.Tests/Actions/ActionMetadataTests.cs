namespace Entra.Actions.Tests.Actions;

public class ActionMetadataTests
{
    private static readonly string[] ExpectedIds =
        ["entra.lookup_user", "entra.lookup_group", "entra.add_user_to_group", "entra.remove_member_from_group"];

    public static TheoryData<string> ActionIds => new(ExpectedIds);

    private static readonly EntraActionDescriptor[] All =
    [
        LookupUserAction.Descriptor, LookupGroupAction.Descriptor, AddUserToGroupAction.Descriptor, RemoveMemberFromGroupAction.Descriptor,
    ];

    private static EntraActionDescriptor ById(string id) => All.Single(m => m.Id == id);

    [Fact]
    public void Descriptor_Ids_AreUniqueAndAsDocumented()
    {
        All.Select(m => m.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(ExpectedIds);
    }

    [Theory]
    [MemberData(nameof(ActionIds))]
    public void Descriptor_Each_IsComplete(string id)
    {
        var metadata = ById(id);

        metadata.DisplayName.Should().NotBeNullOrWhiteSpace();
        metadata.Description.Should().NotBeNullOrWhiteSpace();
        metadata.DelegatedPermissions.Should().NotBeEmpty().And.OnlyContain(p => p.Length > 0);
        metadata.ApplicationPermissions.Should().NotBeEmpty().And.OnlyContain(p => p.Length > 0);
        metadata.Inputs.Should().NotBeEmpty().And.Contain(p => p.IsRequired);
        metadata.Outputs.Should().NotBeEmpty();
        foreach (var parameter in metadata.Inputs.Concat(metadata.Outputs))
        {
            parameter.Name.Should().MatchRegex("^[a-z][A-Za-z]*$");
            parameter.DisplayName.Should().NotBeNullOrWhiteSpace();
            parameter.Description.Should().NotBeNullOrWhiteSpace();
            parameter.TypeName.Should().BeOneOf("string", "boolean", "dateTime", "string[]", "object");
        }

        metadata.Inputs.Select(p => p.Name).Should().OnlyHaveUniqueItems();
        metadata.Outputs.Select(p => p.Name).Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("entra.lookup_user", false, "User.Read.All")]
    [InlineData("entra.lookup_group", false, "GroupMember.Read.All")]
    [InlineData("entra.add_user_to_group", true, "GroupMember.ReadWrite.All")]
    [InlineData("entra.remove_member_from_group", true, "GroupMember.ReadWrite.All")]
    public void Descriptor_Each_FlagsWritesAndNamesTheMainPermission(string id, bool isWrite, string permission)
    {
        var metadata = ById(id);

        metadata.IsWrite.Should().Be(isWrite);
        metadata.DelegatedPermissions.Should().Contain(permission);
        metadata.ApplicationPermissions.Should().Contain(permission);
    }

    [Fact]
    public void Descriptor_RequiredIdInputs_MatchTheContract()
    {
        ById("entra.lookup_user").Inputs.Where(p => p.IsRequired).Select(p => p.Name).Should().Equal("userId");
        ById("entra.lookup_group").Inputs.Where(p => p.IsRequired).Select(p => p.Name).Should().Equal("groupId");
        ById("entra.add_user_to_group").Inputs.Where(p => p.IsRequired).Select(p => p.Name).Should().Equal("userId", "groupId");
        ById("entra.remove_member_from_group").Inputs.Where(p => p.IsRequired).Select(p => p.Name).Should().Equal("memberId", "groupId");
    }

    [Fact]
    public void Descriptor_EveryWriteAction_DeclaresAnOptionalBooleanDryRun()
    {
        foreach (var id in new[] { "entra.add_user_to_group", "entra.remove_member_from_group" })
        {
            var dryRun = ById(id).Inputs.Should().ContainSingle(p => p.Name == "dryRun").Subject;
            dryRun.IsRequired.Should().BeFalse();
            dryRun.TypeName.Should().Be("boolean");
            ById(id).InputSchema["properties"]!["dryRun"]!.ToJsonString().Should().Contain("boolean");
        }
    }
}
