namespace Entra.Actions.Directory.Internal;

/// <summary>The items a bounded list read returned, and whether more were left unread.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, at most the read's limit.</param>
/// <param name="Truncated">Whether at least one more item exists past the limit.</param>
internal sealed record ListRead<T>(IReadOnlyList<T> Items, bool Truncated);
