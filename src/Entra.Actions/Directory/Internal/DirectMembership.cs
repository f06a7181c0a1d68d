namespace Entra.Actions.Directory.Internal;

/// <summary>Whether an object is a direct member of a group and, when it is, its type.</summary>
/// <param name="IsMember">Whether Graph found it among the group's direct members.</param>
/// <param name="ObjectType">Its type when it is a member; <see cref="EntraObjectType.Unknown"/> otherwise.</param>
internal readonly record struct DirectMembership(bool IsMember, EntraObjectType ObjectType)
{
    /// <summary>Not a direct member (Graph answered 404).</summary>
    public static DirectMembership None => default;
}
