namespace Entra.Actions.Models.Internal;

/// <summary>
/// The <c>groupTypes</c> values Graph marks a group with, and how a group's kind is read from them. One source file compiled
/// into both the library and the emulator (each as an internal type), so the library's reading and the emulator's writing
/// of <c>groupTypes</c> cannot drift apart.
/// </summary>
internal static class GraphGroupTypes
{
    /// <summary>The <c>groupTypes</c> value of a Microsoft 365 group.</summary>
    public const string Unified = "Unified";

    /// <summary>The <c>groupTypes</c> value of a group whose members come from a membership rule.</summary>
    public const string DynamicMembership = "DynamicMembership";

    /// <summary>Whether <paramref name="groupTypes"/> marks a Microsoft 365 group (Graph compares these values case-insensitively).</summary>
    public static bool IsUnified(IEnumerable<string> groupTypes) => groupTypes.Contains(Unified, StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="groupTypes"/> marks a dynamic-membership group.</summary>
    public static bool IsDynamic(IEnumerable<string> groupTypes) => groupTypes.Contains(DynamicMembership, StringComparer.OrdinalIgnoreCase);
}
