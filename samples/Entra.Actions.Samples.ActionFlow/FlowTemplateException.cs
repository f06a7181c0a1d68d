namespace Entra.Actions.Samples.ActionFlow;

/// <summary>A reference in a step's inputs cannot be resolved; the message names the reference and says why.</summary>
internal sealed class FlowTemplateException : Exception
{
    public FlowTemplateException(string message)
        : base(message)
    {
    }

    public FlowTemplateException()
    {
    }

    public FlowTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
