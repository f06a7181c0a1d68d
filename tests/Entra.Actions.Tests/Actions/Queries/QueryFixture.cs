using Entra.Actions.Connections.Internal;
using Entra.Actions.Directory.Internal;
using Entra.Actions.Validation.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace Entra.Actions.Tests.Actions.Queries;

/// <summary>The five query actions over one strict mock of the query directory: any call not set up fails the test.</summary>
internal sealed class QueryFixture
{
    public Mock<IEntraQueryDirectory> Directory { get; } = new(MockBehavior.Strict);

    public SearchUsersAction SearchUsers => new(Directory.Object, NullLogger<SearchUsersAction>.Instance, CurrentConnection.Unnamed);

    public FindGroupAction FindGroup => new(Directory.Object, NullLogger<FindGroupAction>.Instance, CurrentConnection.Unnamed);

    public ListGroupMembersAction ListGroupMembers => new(Directory.Object, NullLogger<ListGroupMembersAction>.Instance, CurrentConnection.Unnamed);

    public CheckMembershipAction CheckMembership => new(Directory.Object, NullLogger<CheckMembershipAction>.Instance, CurrentConnection.Unnamed);

    public ListUserGroupsAction ListUserGroups => new(Directory.Object, NullLogger<ListUserGroupsAction>.Instance, CurrentConnection.Unnamed);

    /// <summary>Query texts every text input must refuse before any request.</summary>
    public static TheoryData<string?> InvalidTexts => new()
    {
        null,
        string.Empty,
        " ",
        "\t \r\n",
        new string('a', 257),
        " " + new string('a', 256),
        "a\u0000b",
        "a\nb",
        "Ade\u001Bx",
        "a\u007Fb",
        "a\u0085b",
    };

    /// <summary>Text with an unpaired surrogate (built at run time: xunit cannot carry a lone surrogate through theory data).</summary>
    public static TheoryData<int> UnpairedSurrogateTexts => new() { 0xD800, 0xDC00, 0xD83D };

    public static string WithUnpairedSurrogate(int codeUnit) => "a" + (char)codeUnit + "b";

    /// <summary>Limits every list action refuses, paired with the largest limit it allows (its max + 1 is added by the tests).</summary>
    public static TheoryData<int> InvalidLimits => new() { 0, -1, int.MinValue };

    /// <summary>The read errors with the message each action's mapping must produce the kind of.</summary>
    public static TheoryData<EntraErrorKind, int, string> Errors => TestData.DirectoryErrors;

    public static ObjectId Group(string id = TestData.GroupId) => It.Is<ObjectId>(g => g.Value == id);

    public static ValidatedId User(string value) => It.Is<ValidatedId>(u => u.Value == value);

    public static EntraActionResult<ListRead<T>> Read<T>(bool truncated, params T[] items) =>
        EntraActionResult.Success(new ListRead<T>(items, truncated));

    public static EntraActionResult<T> Failure<T>(EntraErrorKind kind, int status = 400, string code = "Code") =>
        EntraActionResult.Failure<T>(TestData.GraphError(kind, status, code));

    public static ObjectId ValidObjectId(string id)
    {
        EntraIdValidator.TryValidate(id, EntraIdValidator.GroupIdInput, out ObjectId objectId, out _).Should().BeTrue();
        return objectId;
    }
}
