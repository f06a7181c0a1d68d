using System.Collections.ObjectModel;
using System.Text.Json;

namespace Entra.Actions.Models.Internal;

/// <summary>The shared empty dictionary for models without extra properties.</summary>
internal static class EmptyProperties
{
    public static readonly IReadOnlyDictionary<string, JsonElement> Instance =
        new ReadOnlyDictionary<string, JsonElement>(new Dictionary<string, JsonElement>(0));
}
