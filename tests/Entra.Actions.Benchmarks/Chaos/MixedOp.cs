namespace Entra.Actions.Benchmarks.Chaos;

/// <summary>How an action of the mixed run is made.</summary>
internal enum OpKind
{
    Add,
    Remove,
    Lookup,
    InvokeAdd,
    InvokeRemove,
    InvokeLookup,
    BulkAdd,
    BulkRemove,
    BulkLookup,
    InvokeBulkAdd,
    InvokeBulkRemove,
    InvokeBulkLookup,
}

/// <summary>What one item (one user in one round) got back: success and its outcome, or the failure's text.</summary>
internal sealed record ItemResult(int User, int Round, OpKind Kind, bool Succeeded, string? Outcome, string? FoundId, string? Error);

internal static class OpKinds
{
    public static bool IsBulk(this OpKind kind) => kind >= OpKind.BulkAdd;

    public static bool IsAdd(this OpKind kind) => kind is OpKind.Add or OpKind.InvokeAdd or OpKind.BulkAdd or OpKind.InvokeBulkAdd;

    public static bool IsRemove(this OpKind kind) => kind is OpKind.Remove or OpKind.InvokeRemove or OpKind.BulkRemove or OpKind.InvokeBulkRemove;

    /// <summary>A write of any kind (single, invoker, bulk, invoker bulk), add or remove alike.</summary>
    public static OpKind PickWrite(Random random) =>
        new[] { OpKind.Add, OpKind.Remove, OpKind.InvokeAdd, OpKind.InvokeRemove, OpKind.BulkAdd, OpKind.BulkRemove, OpKind.InvokeBulkAdd, OpKind.InvokeBulkRemove }[random.Next(8)];

    /// <summary>A weighted pick: writes dominate, a quarter goes through the invoker, about 40% through bulk calls.</summary>
    public static OpKind Pick(Random random)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 14 => OpKind.Add,
            < 28 => OpKind.Remove,
            < 36 => OpKind.Lookup,
            < 43 => OpKind.InvokeAdd,
            < 50 => OpKind.InvokeRemove,
            < 55 => OpKind.InvokeLookup,
            < 68 => OpKind.BulkAdd,
            < 81 => OpKind.BulkRemove,
            < 87 => OpKind.BulkLookup,
            < 92 => OpKind.InvokeBulkAdd,
            < 97 => OpKind.InvokeBulkRemove,
            _ => OpKind.InvokeBulkLookup,
        };
    }
}
