using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Actions.Internal;

/// <summary>What a membership change knows once its reads are done: the member's object id, the user when read, the group.</summary>
/// <param name="MemberId">The member's object id.</param>
/// <param name="User">The user as read, or <see langword="null"/> when the member was not read (a removal by object id).</param>
/// <param name="Group">The group as read.</param>
internal sealed record PreparedChange(ObjectId MemberId, EntraUser? User, EntraGroup Group);
