using System.Reflection;
using System.Text.Json.Nodes;

namespace Entra.Actions.Tests.Catalog;

public class EntraActionCatalogTests
{
    private readonly EntraActionCatalog _catalog = new();

    /// <summary>Every <see cref="EntraActionDescriptor"/> the library declares, found by reflection rather than listed by hand.</summary>
    private static List<EntraActionDescriptor> DeclaredDescriptors() =>
    [
        .. typeof(EntraActionCatalog).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(p => p.PropertyType == typeof(EntraActionDescriptor))
            .Select(p => (EntraActionDescriptor)p.GetValue(null)!),
    ];

    [Fact]
    public void Actions_EveryDeclaredActionDescriptor_AppearsExactlyOnce()
    {
        var declared = DeclaredDescriptors();

        declared.Should().HaveCount(12, "the nine action classes and the three bulk actions");
        _catalog.Actions.Select(a => a.Id).Should().OnlyHaveUniqueItems().And.BeEquivalentTo(declared.Select(m => m.Id));
    }

    [Fact]
    public void Actions_EveryActionClass_HasItsDescriptorInTheCatalog()
    {
        var actionClasses = typeof(EntraActionCatalog).Assembly.GetExportedTypes()
            .Where(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.PropertyType == typeof(EntraActionDescriptor))
            .ToList();

        actionClasses.Should().BeEquivalentTo(
        [
            typeof(LookupUserAction), typeof(LookupGroupAction), typeof(AddUserToGroupAction), typeof(RemoveMemberFromGroupAction),
            typeof(SearchUsersAction), typeof(FindGroupAction), typeof(ListGroupMembersAction), typeof(CheckMembershipAction), typeof(ListUserGroupsAction),
        ]);
        foreach (var type in actionClasses)
        {
            var descriptor = (EntraActionDescriptor)type.GetProperty("Descriptor")!.GetValue(null)!;
            _catalog.Find(descriptor.Id).Should().BeSameAs(descriptor, type.Name);
        }
    }

    [Fact]
    public void Actions_Ids_AreTheDocumentedStableIdsInDesignerOrder()
    {
        _catalog.Actions.Select(a => a.Id).Should().Equal(CatalogSamples.AllIds);
    }

    [Theory]
    [MemberData(nameof(CatalogSamples.ActionIds), MemberType = typeof(CatalogSamples))]
    public void Find_EachAction_IsTheDeclaredDescriptor(string id)
    {
        var descriptor = _catalog.Find(id)!;
        var declared = DeclaredDescriptors().Single(m => m.Id == id);

        descriptor.Should().BeSameAs(declared);
        descriptor.DisplayName.Should().NotBeNullOrWhiteSpace();
        descriptor.Description.Should().NotBeNullOrWhiteSpace();
        descriptor.Inputs.Should().NotBeEmpty();
        descriptor.Outputs.Should().NotBeEmpty();
        descriptor.DelegatedPermissions.Should().NotBeEmpty();
        descriptor.ApplicationPermissions.Should().NotBeEmpty();
        descriptor.IsBulk.Should().Be(id.StartsWith("entra.bulk_", StringComparison.Ordinal));
        descriptor.ToString().Should().Contain(id);
    }

    [Theory]
    [InlineData(CatalogSamples.LookupUser, false, "User.Read.All")]
    [InlineData(CatalogSamples.LookupGroup, false, "GroupMember.Read.All")]
    [InlineData(CatalogSamples.AddUserToGroup, true, "GroupMember.ReadWrite.All")]
    [InlineData(CatalogSamples.RemoveMemberFromGroup, true, "GroupMember.ReadWrite.All")]
    [InlineData(CatalogSamples.BulkAdd, true, "GroupMember.ReadWrite.All")]
    [InlineData(CatalogSamples.BulkRemove, true, "GroupMember.ReadWrite.All")]
    [InlineData(CatalogSamples.BulkLookup, false, "User.Read.All")]
    public void Find_EachAction_FlagsWritesAndNamesTheMainPermission(string id, bool isWrite, string permission)
    {
        var descriptor = _catalog.Find(id)!;

        descriptor.IsWrite.Should().Be(isWrite);
        descriptor.DelegatedPermissions.Should().Contain(permission);
        descriptor.ApplicationPermissions.Should().Contain(permission);
    }

    [Theory]
    [InlineData("entra.nope")]
    [InlineData("ENTRA.LOOKUP_USER")]
    [InlineData("")]
    [InlineData(" entra.lookup_user")]
    public void Find_UnknownOrMisspeltId_ReturnsNull(string id)
    {
        _catalog.Find(id).Should().BeNull();
    }

    [Fact]
    public void Find_NullId_Throws()
    {
        var find = () => _catalog.Find(null!);

        find.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Descriptor_Schemas_AreCopiesSoCallersCannotCorruptTheCatalog()
    {
        var first = _catalog.Find(CatalogSamples.LookupUser)!;
        first.InputSchema["required"] = new JsonArray();
        first.OutputSchema.Remove("properties");

        var again = new EntraActionCatalog().Find(CatalogSamples.LookupUser)!;
        again.InputSchema["required"]!.AsArray().Should().ContainSingle();
        again.OutputSchema.ContainsKey("properties").Should().BeTrue();
        first.InputSchema.Should().NotBeSameAs(first.InputSchema);
    }

    [Fact]
    public void Descriptor_ToJson_IsCamelCaseWithInputsOutputsSchemasAndPermissions()
    {
        var json = _catalog.Find(CatalogSamples.AddUserToGroup)!.ToJsonObject();

        json.Select(p => p.Key).Should().Equal(
            "id", "displayName", "description", "inputs", "outputs", "inputSchema", "outputSchema",
            "delegatedPermissions", "applicationPermissions", "isWrite", "isBulk");
        json["id"]!.GetValue<string>().Should().Be(CatalogSamples.AddUserToGroup);
        json["isWrite"]!.GetValue<bool>().Should().BeTrue();
        json["isBulk"]!.GetValue<bool>().Should().BeFalse();
        var userId = json["inputs"]![0]!.AsObject();
        userId.Select(p => p.Key).Should().Equal("name", "displayName", "type", "required", "description");
        userId["name"]!.GetValue<string>().Should().Be("userId");
        userId["displayName"]!.GetValue<string>().Should().Be("User ID");
        userId["type"]!.GetValue<string>().Should().Be("string");
        userId["required"]!.GetValue<bool>().Should().BeTrue();
        json["outputs"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()).Should().Equal("memberId", "groupId", "outcome", "isDryRun", "changed");
        json["delegatedPermissions"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain("GroupMember.ReadWrite.All");
        json["inputSchema"]!["$schema"]!.GetValue<string>().Should().Be("https://json-schema.org/draft/2020-12/schema");
    }

    [Fact]
    public void Descriptor_ToJson_IsCompactTextWithApostrophesAsTheyAreAndTheSameContentAsToJsonObject()
    {
        var descriptor = _catalog.Find(CatalogSamples.AddUserToGroup)!;

        var json = descriptor.ToJson();

        json.Should().NotContain("\n").And.NotContain("\\u0027").And.StartWith("{\"id\":\"entra.add_user_to_group\",\"displayName\":");
        json.Should().Contain("The user's object id (GUID)");
        JsonNode.DeepEquals(JsonNode.Parse(json), descriptor.ToJsonObject()).Should().BeTrue();
    }
}
