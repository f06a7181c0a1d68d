namespace Entra.Actions.Actions.Internal;

/// <summary>Inputs several actions share.</summary>
internal static class ActionInputs
{
    /// <summary>The <c>dryRun</c> input of every write action.</summary>
    public static EntraActionParameter DryRun { get; } = new()
    {
        Name = "dryRun",
        DisplayName = "Dry run",
        TypeName = "boolean",
        IsRequired = false,
        Description = "When true, the same reads and checks run (ids, group kind, policy, write permission) and the outcome the change would have is returned, with no write sent. Default false.",
    };
}
