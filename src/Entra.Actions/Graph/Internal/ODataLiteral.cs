namespace Entra.Actions.Graph.Internal;

/// <summary>
/// Writes text as an OData string literal: in single quotes, each single quote doubled, which is the literal's only escape.
/// The query that holds it is then escaped as a whole (<see cref="Uri.EscapeDataString(string)"/>), so <c>&amp;</c>,
/// <c>#</c>, <c>%</c> or <c>+</c> in the text stay text.
/// </summary>
internal static class ODataLiteral
{
    /// <summary>Quotes <paramref name="text"/>, for example <c>O'Brien</c> as <c>'O''Brien'</c>.</summary>
    /// <param name="text">Validated text.</param>
    /// <returns>The literal.</returns>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}
