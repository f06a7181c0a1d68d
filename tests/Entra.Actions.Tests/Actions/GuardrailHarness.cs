using Entra.Actions.Audit.Internal;
using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Graph.Internal;
using Entra.Actions.Policy.Internal;
using Entra.Actions.Tests.Audit;
using Entra.Actions.Tests.TestSupport;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

/// <summary>
/// Add and Remove as the library builds them (write guard, audit trail) over a mocked directory that can also answer a
/// dry run's membership probe, with a capturing audit sink, a named connection and an app-only token observed.
/// </summary>
internal sealed class GuardrailHarness
{
    public const string ConnectionName = "contoso";

    public GuardrailHarness(
        Action<EntraWritePolicyOptions>? policy = null,
        IEnumerable<IEntraWritePolicy>? hostPolicies = null,
        string? token = null,
        IEnumerable<IEntraAuditSink>? extraSinks = null,
        TimeSpan? auditSinkTimeout = null,
        ILogger<AuditTrail>? auditLogger = null)
    {
        Probe = Directory.As<IMembershipProbe>();
        var options = new EntraActionsOptions { TenantId = "configured-tenant", AuditSinkTimeout = auditSinkTimeout ?? TimeSpan.FromSeconds(5) };
        policy?.Invoke(options.Policy);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Identity.Observe(token ?? TestJwt.Application("GroupMember.ReadWrite.All", "User.Read.All"));
        var connection = new CurrentConnection(ConnectionName);
        var guard = new WriteGuard(wrapped, hostPolicies ?? [], connection, Identity);
        var audit = new AuditTrail([Sink, .. extraSinks ?? []], wrapped, connection, Identity, logger: auditLogger);
        Add = new AddUserToGroupAction(Directory.Object, wrapped, guard, audit, NullLogger<AddUserToGroupAction>.Instance);
        Remove = new RemoveMemberFromGroupAction(Directory.Object, wrapped, guard, audit, NullLogger<RemoveMemberFromGroupAction>.Instance);
    }

    public Mock<IEntraDirectory> Directory { get; } = new();

    public Mock<IMembershipProbe> Probe { get; }

    public CapturingAuditSink Sink { get; } = new();

    public TokenIdentity Identity { get; } = new();

    public AddUserToGroupAction Add { get; }

    public RemoveMemberFromGroupAction Remove { get; }

    public static EntraWriteOptions DryRun { get; } = new() { DryRun = true };

    public void SetupUserWithType(string userType, string upn = Upn)
    {
        var user = new EntraUser
        {
            Id = UserId,
            UserPrincipalName = upn,
            AdditionalProperties = new Dictionary<string, System.Text.Json.JsonElement> { ["userType"] = System.Text.Json.JsonSerializer.SerializeToElement(userType) },
        };
        Directory.Setup(d => d.GetUserAsync(UserId, It.Is<IReadOnlyCollection<string>>(p => p.Contains("userType")), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(user));
    }

    public void SetupIsMember(bool isMember) =>
        Probe.Setup(p => p.IsDirectMemberAsync(It.Is<ObjectId>(g => g.Value == GroupId), It.Is<ObjectId>(m => m.Value == UserId), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(isMember));

    public void VerifyNoWrite()
    {
        Directory.Verify(d => d.AddGroupMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Directory.Verify(d => d.RemoveGroupMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    public void VerifyNoProbe() =>
        Probe.Verify(p => p.IsDirectMemberAsync(It.IsAny<ObjectId>(), It.IsAny<ObjectId>(), It.IsAny<CancellationToken>()), Times.Never);

    public EntraAuditEvent SingleEvent() => Sink.Events.Should().ContainSingle().Subject;
}
