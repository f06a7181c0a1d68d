using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Entra.Actions.Benchmarks.Scale;

/// <summary>
/// Graph-shaped response bodies for the canned server: fixed ones built once, per-request ones written with one reusable
/// <see cref="Utf8JsonWriter"/> per thread. Every user named by an id exists; a user named by userPrincipalName gets an id
/// derived from it.
/// </summary>
internal static class CannedJson
{
    public const string ContextUsers = "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName,givenName,surname,mail,userPrincipalName,jobTitle)";

    public static readonly byte[] EmptyPage = Encoding.UTF8.GetBytes(
        """{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#directoryObjects(id)","value":[]}""");

    public static readonly byte[] Organization = Encoding.UTF8.GetBytes(
        """
        {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#organization","value":[{"id":"5ca1e000-0000-4000-8000-00000000000f",
         "displayName":"Contoso","verifiedDomains":[{"name":"contoso.com","isDefault":true,"isInitial":false,"type":"Managed"}]}]}
        """);

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? s_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? s_writer;

    /// <summary>A plain security group with <paramref name="id"/> (no group types, not mail-enabled, not synced, no rule).</summary>
    public static byte[] SecurityGroup(string id) => Write(id, static (w, id) =>
    {
        w.WriteStartObject();
        w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#groups/$entity");
        w.WriteString("id", id);
        w.WriteNull("deletedDateTime");
        w.WriteString("createdDateTime", "2024-01-15T09:30:00Z");
        w.WriteString("description", "Scale benchmark group.");
        w.WriteString("displayName", "Scale Group");
        w.WriteStartArray("groupTypes");
        w.WriteEndArray();
        w.WriteNull("isAssignableToRole");
        w.WriteNull("mail");
        w.WriteBoolean("mailEnabled", false);
        w.WriteString("mailNickname", "ScaleGroup");
        w.WriteNull("membershipRule");
        w.WriteNull("onPremisesSyncEnabled");
        w.WriteBoolean("securityEnabled", true);
        w.WriteString("visibility", "Private");
        w.WriteEndObject();
    });

    /// <summary>One user as <c>GET /users/{id}</c> returns it without <c>$select</c> (Graph's default property set).</summary>
    public static byte[] User(string idOrName) => Write(idOrName, static (w, idOrName) =>
    {
        var (id, upn) = Identify(idOrName);
        w.WriteStartObject();
        w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
        WriteDefaultUser(w, id, upn);
        w.WriteEndObject();
    });

    /// <summary>A user in Graph's default property set, as the body of a <c>$batch</c> step.</summary>
    public static void WriteUserBody(Utf8JsonWriter w, string idOrName)
    {
        var (id, upn) = Identify(idOrName);
        w.WriteStartObject("body");
        w.WriteString("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#users/$entity");
        WriteDefaultUser(w, id, upn);
        w.WriteEndObject();
    }

    /// <summary>The <c>value</c> page of <c>GET /users?$filter=... in (...)</c>: one user per value.</summary>
    public static int WriteUserPage(Utf8JsonWriter w, string attribute, List<string> values, bool typed)
    {
        var byName = attribute.Equals("userPrincipalName", StringComparison.OrdinalIgnoreCase) || attribute.Equals("mail", StringComparison.OrdinalIgnoreCase);
        var count = 0;
        w.WriteString("@odata.context", typed ? "https://graph.microsoft.com/v1.0/$metadata#directoryObjects" : ContextUsers);
        w.WriteStartArray("value");
        foreach (var value in values)
        {
            if (!byName && !Guid.TryParse(value, out _))
            {
                continue;
            }

            var (id, upn) = Identify(value);
            w.WriteStartObject();
            if (typed)
            {
                w.WriteString("@odata.type", "#microsoft.graph.user");
            }

            w.WriteString("id", id);
            w.WriteString("displayName", "Scale User");
            w.WriteNull("givenName");
            w.WriteNull("surname");
            w.WriteNull("mail");
            w.WriteString("userPrincipalName", upn);
            w.WriteNull("jobTitle");
            w.WriteEndObject();
            count++;
        }

        w.WriteEndArray();
        return count;
    }

    /// <summary>Writes one JSON document with this thread's writer and returns its bytes.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = s_buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        var writer = s_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteDefaultUser(Utf8JsonWriter w, string id, string upn)
    {
        w.WriteStartArray("businessPhones");
        w.WriteEndArray();
        w.WriteString("displayName", "Scale User");
        w.WriteNull("givenName");
        w.WriteNull("jobTitle");
        w.WriteNull("mail");
        w.WriteNull("mobilePhone");
        w.WriteNull("officeLocation");
        w.WriteNull("preferredLanguage");
        w.WriteNull("surname");
        w.WriteString("userPrincipalName", upn);
        w.WriteString("id", id);
    }

    /// <summary>An object id names itself; a userPrincipalName gets a stable id (FNV-1a of the name, twice).</summary>
    private static (string Id, string Upn) Identify(string idOrName)
    {
        if (Guid.TryParse(idOrName, out _))
        {
            return (idOrName, $"scale-{idOrName}@contoso.com");
        }

        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, Fnv(idOrName, 14695981039346656037UL));
        BitConverter.TryWriteBytes(bytes[8..], Fnv(idOrName, 1099511628211UL));
        return (new Guid(bytes).ToString(), idOrName);
    }

    private static ulong Fnv(string text, ulong hash)
    {
        foreach (var c in text)
        {
            hash = (hash ^ char.ToLowerInvariant(c)) * 1099511628211UL;
        }

        return hash;
    }
}
