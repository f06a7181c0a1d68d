using System.Text.Json;
using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Graph.Internal;

/// <summary>The request bodies the directory sends, written directly as JSON (the same shapes the Graph SDK wrote).</summary>
internal static class GraphBodies
{
    private static readonly JsonEncodedText ODataId = JsonEncodedText.Encode("@odata.id");
    private static readonly JsonEncodedText ODataType = JsonEncodedText.Encode("@odata.type");
    private static readonly JsonEncodedText GroupType = JsonEncodedText.Encode("#microsoft.graph.group");
    private static readonly JsonEncodedText MembersBind = JsonEncodedText.Encode("members@odata.bind");

    /// <summary><c>{"@odata.id":"{base}/directoryObjects/{id}"}</c>, the member reference of a <c>POST .../members/$ref</c>.</summary>
    public static ByteArrayContent Reference(string baseUrl, string memberId) =>
        JsonBody.Create((baseUrl, memberId), static (writer, state) =>
        {
            writer.WriteStartObject();
            writer.WritePropertyName(ODataId);
            WriteDirectoryObject(writer, state.baseUrl, state.memberId);
            writer.WriteEndObject();
        });

    /// <summary>The <c>PATCH /groups/{id}</c> body binding up to 20 members at once (atomic).</summary>
    public static ByteArrayContent Bind(string baseUrl, IReadOnlyList<ObjectId> memberIds) =>
        JsonBody.Create((baseUrl, memberIds), static (writer, state) => WriteBind(writer, state.baseUrl, state.memberIds));

    public static void WriteBind(Utf8JsonWriter writer, string baseUrl, IReadOnlyList<ObjectId> memberIds)
    {
        writer.WriteStartObject();
        writer.WriteString(ODataType, GroupType);
        writer.WriteStartArray(MembersBind);
        foreach (var id in memberIds)
        {
            WriteDirectoryObject(writer, baseUrl, id.Value);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><c>{"ids":[...],"types":["user"]}</c> for <c>POST /directoryObjects/getByIds</c>.</summary>
    public static ByteArrayContent GetUsersByIds(IReadOnlyList<ObjectId> ids) =>
        JsonBody.Create(ids, static (writer, ids) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("ids"u8);
            foreach (var id in ids)
            {
                writer.WriteStringValue(id.Value);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("types"u8);
            writer.WriteStringValue("user"u8);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary><c>{"groupIds":["{id}"]}</c> for <c>POST /users/{id}/checkMemberGroups</c>.</summary>
    public static ByteArrayContent CheckMemberGroups(ObjectId group) =>
        JsonBody.Create(group, static (writer, group) =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("groupIds"u8);
            writer.WriteStringValue(group.Value);
            writer.WriteEndArray();
            writer.WriteEndObject();
        });

    /// <summary>Writes <c>{base}/directoryObjects/{id}</c> as a string value without building the string.</summary>
    private static void WriteDirectoryObject(Utf8JsonWriter writer, string baseUrl, string id)
    {
        const string segment = "/directoryObjects/";
        var length = baseUrl.Length + segment.Length + id.Length;
        Span<char> url = length <= 512 ? stackalloc char[length] : new char[length];
        baseUrl.CopyTo(url);
        segment.CopyTo(url[baseUrl.Length..]);
        id.CopyTo(url[(baseUrl.Length + segment.Length)..]);
        writer.WriteStringValue(url);
    }
}
