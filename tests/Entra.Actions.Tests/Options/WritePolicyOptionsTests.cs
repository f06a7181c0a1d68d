using Entra.Actions.Audit.Internal;
using Entra.Actions.Options.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Tests.Audit;
using Entra.Actions.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Entra.Actions.Tests.TestData;
using static Entra.Actions.Tests.TestSupport.TestServices;

namespace Entra.Actions.Tests.Options;

public sealed class WritePolicyOptionsTests
{
    private const string OtherGroupId = "5b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e";

    private static ValidateOptionsResult Validate(Action<EntraActionsOptions> configure)
    {
        var options = new EntraActionsOptions();
        configure(options);
        return new EntraActionsOptionsValidator().Validate(null, options);
    }

    [Fact]
    public void Defaults_AreNoRestrictionsAndTenThousandItemsAndFiveSeconds()
    {
        var options = new EntraActionsOptions();

        options.Policy.ProtectedGroupIds.Should().BeEmpty();
        options.Policy.AllowedGroupIds.Should().BeEmpty();
        options.Policy.RefuseGuests.Should().BeFalse();
        options.Policy.MaxBulkItems.Should().Be(10_000);
        options.AuditSinkTimeout.Should().Be(TimeSpan.FromSeconds(5));
        new EntraActionsOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(GroupId)]
    [InlineData(GroupIdUpper)]
    [InlineData(" " + GroupId + " ")]
    public void Validate_GroupIdsThatAreGuids_Succeed(string id) =>
        Validate(o =>
        {
            o.Policy.ProtectedGroupIds = [id];
            o.Policy.AllowedGroupIds = [OtherGroupId, id];
        }).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData("Finance")]
    [InlineData("")]
    [InlineData("{" + GroupId + "}")]
    [InlineData(GroupId + "x")]
    public void Validate_ProtectedGroupIdNotAGuid_FailsNamingTheIndexedSetting(string id)
    {
        var result = Validate(o => o.Policy.ProtectedGroupIds = [id]);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("EntraActions:Policy:ProtectedGroupIds:0").And.Contain("not a group object id");
    }

    [Fact]
    public void Validate_SecondAllowedGroupIdNotAGuid_NamesIndexOne()
    {
        var result = Validate(o => o.Policy.AllowedGroupIds = [GroupId, "Sales team"]);

        result.FailureMessage.Should().Contain("EntraActions:Policy:AllowedGroupIds:1").And.Contain("'Sales team'").And.NotContain("AllowedGroupIds:0");
    }

    [Fact]
    public void Validate_NullEntryAndNullLists_Fail()
    {
        Validate(o => o.Policy.ProtectedGroupIds = [null!]).FailureMessage.Should().Contain("EntraActions:Policy:ProtectedGroupIds:0 is null");
        Validate(o => o.Policy.AllowedGroupIds = null!).FailureMessage.Should().Contain("EntraActions:Policy:AllowedGroupIds is null");
        Validate(o => o.Policy = null!).FailureMessage.Should().Contain("EntraActions:Policy is null");
    }

    [Fact]
    public void Validate_VeryLongBadId_IsShownShortened()
    {
        var result = Validate(o => o.Policy.ProtectedGroupIds = [new string('x', 500)]);

        result.FailureMessage.Should().Contain(new string('x', 80) + "...").And.NotContain(new string('x', 81));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(1_000_000, true)]
    [InlineData(1_000_001, false)]
    public void Validate_MaxBulkItems_AcceptsOneToAMillion(int value, bool valid)
    {
        var result = Validate(o => o.Policy.MaxBulkItems = value);

        result.Succeeded.Should().Be(valid);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("EntraActions:Policy:MaxBulkItems");
        }
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(300_000, true)]
    [InlineData(300_001, false)]
    public void Validate_AuditSinkTimeout_AcceptsTenMillisecondsToFiveMinutes(int milliseconds, bool valid)
    {
        var result = Validate(o => o.AuditSinkTimeout = TimeSpan.FromMilliseconds(milliseconds));

        result.Succeeded.Should().Be(valid);
        if (!valid)
        {
            result.FailureMessage.Should().Contain("EntraActions:AuditSinkTimeout");
        }
    }

    [Fact]
    public void AddEntraActions_PolicyFromConfiguration_IsBoundAndUsedByTheGuard()
    {
        var configuration = Configuration(
            ("EntraActions:Policy:ProtectedGroupIds:0", GroupIdUpper),
            ("EntraActions:Policy:AllowedGroupIds:0", OtherGroupId),
            ("EntraActions:Policy:RefuseGuests", "true"),
            ("EntraActions:Policy:MaxBulkItems", "250"),
            ("EntraActions:AuditSinkTimeout", "00:00:00.250"));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var options = provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        options.Policy.ProtectedGroupIds.Should().Equal(GroupIdUpper);
        options.Policy.AllowedGroupIds.Should().Equal(OtherGroupId);
        options.Policy.RefuseGuests.Should().BeTrue();
        options.Policy.MaxBulkItems.Should().Be(250);
        options.AuditSinkTimeout.Should().Be(TimeSpan.FromMilliseconds(250));
        var guard = provider.GetRequiredService<WriteGuard>();
        guard.NeedsUserType.Should().BeTrue();
        guard.MaxBulkItems.Should().Be(250);
        guard.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup())!.Rule.Should().Be("ProtectedGroupIds");
    }

    [Fact]
    public void AddEntraActions_BadGroupIdInConfiguration_FailsAtStartNamingTheSetting()
    {
        var configuration = Configuration(("EntraActions:Policy:ProtectedGroupIds:0", "Finance"));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var act = () => provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("EntraActions:Policy:ProtectedGroupIds:0 is 'Finance'");
    }

    [Fact]
    public void AddEntraActions_MisspeltPolicyKey_Fails()
    {
        var configuration = Configuration(("EntraActions:Policy:RefuseGuest", "true"));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var act = () => provider.GetRequiredService<IOptions<EntraActionsOptions>>().Value;

        act.Should().Throw<InvalidOperationException>().WithMessage("*RefuseGuest*");
    }

    [Fact]
    public void GetConnection_PolicyInTheConnectionSection_IsThatConnectionsOnly()
    {
        var configuration = Configuration(
            ("EntraActions:Policy:ProtectedGroupIds:0", OtherGroupId),
            ("EntraActions:Connections:contoso:Policy:ProtectedGroupIds:0", GroupId),
            ("EntraActions:Connections:contoso:Policy:RefuseGuests", "true"),
            ("EntraActions:Connections:fabrikam:Policy:MaxBulkItems", "7"));
        using var provider = Build(s => s.AddEntraActions(configuration));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var contoso = factory.GetConnection("Contoso").Services.GetRequiredService<WriteGuard>();
        var fabrikam = factory.GetConnection("fabrikam").Services.GetRequiredService<WriteGuard>();

        contoso.ConnectionName.Should().Be("Contoso");
        contoso.NeedsUserType.Should().BeTrue();
        contoso.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup())!.Rule.Should().Be("ProtectedGroupIds");
        fabrikam.NeedsUserType.Should().BeFalse();
        fabrikam.MaxBulkItems.Should().Be(7);
        fabrikam.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup()).Should().BeNull();
        provider.GetRequiredService<WriteGuard>().CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup()).Should().BeNull();
    }

    [Fact]
    public void GetConnection_RegistrationPolicy_IsTheFloorOfEveryConnection()
    {
        var configuration = Configuration(
            ("EntraActions:Policy:ProtectedGroupIds:0", OtherGroupId),
            ("EntraActions:Policy:RefuseGuests", "true"),
            ("EntraActions:Policy:MaxBulkItems", "50"),
            ("EntraActions:Connections:contoso:Policy:MaxBulkItems", "500"),
            ("EntraActions:Connections:fabrikam:Policy:MaxBulkItems", "7"));
        using var provider = Build(s => s.AddEntraActions(configuration));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var contoso = factory.GetConnection("contoso").Services.GetRequiredService<WriteGuard>();
        var fabrikam = factory.GetConnection("fabrikam").Services.GetRequiredService<WriteGuard>();
        var inCode = factory.GetOrCreateConnection("in-code", o => o.Credential = new FakeTokenCredential()).Services.GetRequiredService<WriteGuard>();

        foreach (var guard in new[] { contoso, fabrikam, inCode })
        {
            guard.CheckGroup("entra.add_user_to_group", isAdd: true, new EntraGroup { Id = OtherGroupId, SecurityEnabled = true })!.Rule.Should().Be("ProtectedGroupIds");
            guard.NeedsUserType.Should().BeTrue("the registration refuses guests");
        }

        contoso.MaxBulkItems.Should().Be(50, "a connection cannot raise the registration's limit");
        fabrikam.MaxBulkItems.Should().Be(7, "a connection can lower it");
    }

    [Fact]
    public void GetOrCreateConnection_AllowedGroupsOfRegistrationAndConnection_OnlyTheirCommonGroupsMayChange()
    {
        using var provider = Build(s => s.AddEntraActions(o =>
        {
            o.Credential = new FakeTokenCredential();
            o.Policy.AllowedGroupIds = [GroupId, OtherGroupId];
        }));
        var factory = provider.GetRequiredService<IEntraConnectionFactory>();

        var narrower = factory.GetOrCreateConnection("narrower", o =>
        {
            o.Credential = new FakeTokenCredential();
            o.Policy.AllowedGroupIds = [OtherGroupId.ToUpperInvariant()];
        }).Services.GetRequiredService<WriteGuard>();
        var disjoint = factory.GetOrCreateConnection("disjoint", o =>
        {
            o.Credential = new FakeTokenCredential();
            o.Policy.AllowedGroupIds = [Guid.NewGuid().ToString()];
        }).Services.GetRequiredService<WriteGuard>();
        var unset = factory.GetOrCreateConnection("unset", o => o.Credential = new FakeTokenCredential()).Services.GetRequiredService<WriteGuard>();

        narrower.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup())!.Rule.Should().Be("AllowedGroupIds");
        narrower.CheckGroup("entra.add_user_to_group", isAdd: true, new EntraGroup { Id = OtherGroupId, SecurityEnabled = true }).Should().BeNull();
        disjoint.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup())!.Rule.Should().Be("AllowedGroupIds", "no common group leaves nothing allowed, not everything");
        unset.CheckGroup("entra.add_user_to_group", isAdd: true, SecurityGroup()).Should().BeNull();
        unset.CheckGroup("entra.add_user_to_group", isAdd: true, new EntraGroup { Id = Guid.NewGuid().ToString(), SecurityEnabled = true })!.Rule.Should().Be("AllowedGroupIds");
    }

    [Fact]
    public void GetConnection_BadGroupIdInTheConnectionSection_FailsNamingTheConnectionsSetting()
    {
        var configuration = Configuration(("EntraActions:Connections:contoso:Policy:AllowedGroupIds:0", "Sales"));
        using var provider = Build(s => s.AddEntraActions(configuration));

        var act = () => provider.GetRequiredService<IEntraConnectionFactory>().GetConnection("contoso");

        act.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("EntraActions:Connections:contoso:Policy:AllowedGroupIds:0 is 'Sales'");
    }

    [Fact]
    public void GetOrCreateConnection_HostSinksAndPoliciesReachTheConnection()
    {
        var sink = new CapturingAuditSink();
        var policy = new NamedPolicy("host");
        using var provider = Build(s =>
        {
            s.AddEntraActions(o => o.Credential = new FakeTokenCredential());
            s.AddSingleton<IEntraAuditSink>(sink);
            s.AddSingleton<IEntraWritePolicy>(policy);
        });

        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("tenant-a", o =>
        {
            o.Credential = new FakeTokenCredential();
            o.Policy.RefuseGuests = true;
        });

        connection.Services.GetServices<IEntraAuditSink>().Should().Contain(sink).And.ContainSingle(s => s is LogAuditSink);
        connection.Services.GetServices<IEntraWritePolicy>().Should().Contain(policy);
        connection.Services.GetRequiredService<AuditTrail>().ConnectionName.Should().Be("tenant-a");
        connection.Services.GetRequiredService<WriteGuard>().NeedsUserType.Should().BeTrue();
        provider.GetRequiredService<WriteGuard>().NeedsUserType.Should().BeFalse();
    }

    [Fact]
    public void GetOrCreateConnection_TwoHostPoliciesOfOneType_BothReachTheConnection()
    {
        var first = new NamedPolicy("finance");
        var second = new NamedPolicy("hr");
        var firstSink = new CapturingAuditSink();
        var secondSink = new CapturingAuditSink();
        using var provider = Build(s =>
        {
            s.AddEntraActions(o => o.Credential = new FakeTokenCredential());
            s.AddSingleton<IEntraWritePolicy>(first);
            s.AddSingleton<IEntraWritePolicy>(second);
            s.AddSingleton<IEntraAuditSink>(firstSink);
            s.AddSingleton<IEntraAuditSink>(secondSink);
        });

        var connection = provider.GetRequiredService<IEntraConnectionFactory>().GetOrCreateConnection("tenant-a", o => o.Credential = new FakeTokenCredential());

        connection.Services.GetServices<IEntraWritePolicy>().Should().Equal(first, second);
        connection.Services.GetServices<IEntraAuditSink>().Should().Contain([firstSink, secondSink])
            .And.ContainSingle(sink => sink is Entra.Actions.Audit.Internal.LogAuditSink, "the host's log sink stands in for the connection's own");
    }

    private sealed class NamedPolicy(string name) : IEntraWritePolicy
    {
        public string Name { get; } = name;

        public ValueTask<EntraWriteDecision> EvaluateAsync(EntraWriteRequest request, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(EntraWriteDecision.Allow);
    }
}
