namespace Entra.Actions.Samples.ActionFlow;

/// <summary>What a flow step should do.</summary>
internal enum FlowExpectation
{
    /// <summary>The action succeeds.</summary>
    Success,

    /// <summary>The action fails (in a controlled way: the flow shows how a failure looks).</summary>
    Failure,
}
