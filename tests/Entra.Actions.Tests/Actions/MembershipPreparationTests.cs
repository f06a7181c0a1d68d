using Entra.Actions.Actions.Internal;
using Entra.Actions.Audit.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests.Actions;

public class MembershipPreparationTests
{
    private const string ActionId = "test.action";
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    private async Task<EntraActionResult<string>> PrepareAsync(string member, bool requireUser, CancellationToken cancellationToken = default)
    {
        EntraIdValidator.TryValidateUserId(member, EntraIdValidator.UserIdInput, out var validated, out _).Should().BeTrue();
        EntraIdValidator.TryValidate(GroupId, EntraIdValidator.GroupIdInput, out ObjectId group, out _).Should().BeTrue();
        var options = Microsoft.Extensions.Options.Options.Create(new EntraActionsOptions());
        using var write = WriteCall.Start(ActionId, new AuditTrail([], options), isDryRun: false);
        var prepared = await MembershipPreparation.PrepareAsync(
            _directory.Object, options.Value, NullLogger.Instance, ActionId, validated, group, requireUser, [], write, cancellationToken);
        return prepared.Succeeded ? EntraActionResult.Success(prepared.Value.MemberId.Value) : EntraActionResult.Failure<string>(prepared.Error);
    }

    [Fact]
    public async Task PrepareAsync_ObjectIdWhenUserRequired_ReadsTheUserAndReturnsItsId()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();

        var result = await PrepareAsync(UserIdUpper, requireUser: true);

        result.Value.Should().Be(UserId);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.Verify(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PrepareAsync_ObjectIdWhenUserNotRequired_ReturnsItAsIsWithoutUserRead()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();

        var result = await PrepareAsync(UserIdUpper, requireUser: false);

        result.Value.Should().Be(UserId);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrepareAsync_UserPrincipalName_IsResolvedEitherWay(bool requireUser)
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUpn(Upn);

        var result = await PrepareAsync(Upn, requireUser);

        result.Value.Should().Be(UserId);
        _directory.Verify(d => d.GetUserAsync(Upn, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task PrepareAsync_ObjectIdThatIsNotAUserWhenUserRequired_ReturnsNotFoundNamingTheUser()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.NotFound, 404, "Request_ResourceNotFound")));

        var result = await PrepareAsync(UserId, requireUser: true);

        result.Error!.Kind.Should().Be(EntraErrorKind.NotFound);
        result.Error.Message.Should().Be($"User '{UserId}' was not found.");
    }

    [Fact]
    public async Task PrepareAsync_UserReadForbidden_NamesUserReadAll()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Failure<EntraUser>(GraphError(EntraErrorKind.Forbidden, 403, "Authorization_RequestDenied")));

        var result = await PrepareAsync(UserId, requireUser: true);

        result.Error!.Kind.Should().Be(EntraErrorKind.Forbidden);
        result.Error.Message.Should().Be($"User '{UserId}' could not be read: the connection lacks permission; it needs User.Read.All to resolve the user.");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrepareAsync_RefusedGroup_ReturnsRefusalWithoutUserRead(bool requireUser)
    {
        _directory.SetupGroup(Group("dynamic"));
        _directory.SetupUser();

        var result = await PrepareAsync(UserId, requireUser);

        result.Error!.Kind.Should().Be(EntraErrorKind.UnsupportedGroup);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Once);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PrepareAsync_Reads_PassTheCallersToken()
    {
        using var cts = new CancellationTokenSource();
        _directory.Setup(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token))
            .ReturnsAsync(EntraActionResult.Success(SecurityGroup()));
        _directory.Setup(d => d.GetUserAsync(UserId, NoProperties(), cts.Token))
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await PrepareAsync(UserId, requireUser: true, cts.Token);

        result.Value.Should().Be(UserId);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), cts.Token), Times.Once);
        _directory.Verify(d => d.GetUserAsync(UserId, NoProperties(), cts.Token), Times.Once);
    }
}
