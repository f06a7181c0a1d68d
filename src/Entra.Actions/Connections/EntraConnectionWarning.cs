namespace Entra.Actions;

/// <summary>A warning of a connection check, for a person to read.</summary>
/// <param name="Kind">What the warning is about.</param>
/// <param name="Message">The warning, naming the permissions or identity concerned.</param>
public sealed record EntraConnectionWarning(EntraConnectionWarningKind Kind, string Message);
