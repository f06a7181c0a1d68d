using System.Text.Json;
using Entra.Actions.Logging.Internal;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.OAuth.Internal;

/// <summary>The JSON form of the connect flow's token-store values (<see cref="PendingConnect"/>, <see cref="StoredConnection"/>).</summary>
internal static class StoredJson
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    /// <summary>
    /// Reads a value; one that decrypts but is not what the flow wrote (corrupted, truncated, another writer) reads as absent,
    /// with a warning, rather than throwing.
    /// </summary>
    /// <param name="json">The stored text, <see langword="null"/> when absent.</param>
    /// <param name="isComplete">Whether the value has every field the flow writes.</param>
    /// <param name="logger">The logger for the warning.</param>
    /// <param name="entry">What the value is, for the warning.</param>
    /// <param name="connectionName">The connection, when known, for the warning.</param>
    public static T? Read<T>(string? json, Func<T, bool> isComplete, ILogger logger, string entry, string? connectionName)
        where T : class
    {
        if (json is null)
        {
            return null;
        }

        string reason;
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, Json);
            if (value is not null && isComplete(value))
            {
                return value;
            }

            reason = "fields missing";
        }
        catch (JsonException)
        {
            reason = "not valid JSON"; // not the exception message: it can quote part of the value, which may hold a token
        }

        Log.StoredValueUnreadable(logger, entry, connectionName, reason);
        return null;
    }
}
