namespace Entra.Actions.Graph.Internal;

/// <summary>One page of a Graph collection: its items and the link to the next page, if any.</summary>
/// <typeparam name="TItem">The item's wire shape.</typeparam>
internal interface IPageWire<TItem>
{
    List<TItem>? Value { get; }

    string? NextLink { get; }
}
