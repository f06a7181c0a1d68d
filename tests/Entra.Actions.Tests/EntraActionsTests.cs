using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using static Entra.Actions.Tests.TestData;

namespace Entra.Actions.Tests;

public class EntraActionsTests
{
    private readonly Mock<IEntraDirectory> _directory = TestData.Directory();

    private EntraActions Create() => new(LookupUser(_directory), LookupGroup(_directory), AddUserToGroup(_directory), RemoveMemberFromGroup(_directory));

    [Fact]
    public async Task LookupUserAsync_WithProperties_DelegatesToLookupUserAction()
    {
        _directory.Setup(d => d.GetUserAsync(UserId, It.Is<IReadOnlyCollection<string>>(p => p.Single() == "department"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(User()));

        var result = await Create().LookupUserAsync(UserId, ["department"]);

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task LookupUserAsync_InvalidId_ReturnsInvalidInputWithoutRequest()
    {
        var result = await Create().LookupUserAsync("..");

        result.Error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        _directory.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task LookupGroupAsync_DelegatesToLookupGroupAction()
    {
        _directory.SetupGroup(SecurityGroup());

        var result = await Create().LookupGroupAsync(GroupId);
        var withProperties = await Create().LookupGroupAsync(GroupId, null);

        result.Value!.Id.Should().Be(GroupId);
        withProperties.Value!.Id.Should().Be(GroupId);
    }

    [Fact]
    public async Task AddUserToGroupAsync_DelegatesToAddUserToGroupAction()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.SetupUser();
        _directory.Setup(d => d.AddGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.AlreadyMember));

        var result = await Create().AddUserToGroupAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.AlreadyMember);
    }

    [Fact]
    public async Task RemoveMemberFromGroupAsync_DelegatesToRemoveMemberFromGroupAction()
    {
        _directory.SetupGroup(SecurityGroup());
        _directory.Setup(d => d.RemoveGroupMemberAsync(GroupId, UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(EntraActionResult.Success(MembershipOutcome.NotAMember));

        var result = await Create().RemoveMemberFromGroupAsync(UserId, GroupId);

        result.Value!.Outcome.Should().Be(MembershipOutcome.NotAMember);
        _directory.Verify(d => d.GetGroupAsync(GroupId, NoProperties(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Fact]
    public void Constructor_NullAction_Throws()
    {
        var act = () => new EntraActions(null!, LookupGroup(_directory), AddUserToGroup(_directory), RemoveMemberFromGroup(_directory));

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ActionConstructor_NullDirectory_Throws()
    {
        var act = () => new LookupUserAction(null!, TestData.Options(), NullLogger<LookupUserAction>.Instance);

        act.Should().Throw<ArgumentNullException>();
    }
}
