using Azure.Core;
using Entra.Actions.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Entra.Actions.IntegrationTests.Queries;

/// <summary>
/// What the query actions should answer, computed in C# from the emulator's own model (never from the library), and the
/// harness shortcuts the query tests share.
/// </summary>
internal static class QueryOracle
{
    /// <summary>The ids of the users one of whose five searched names starts with the trimmed <paramref name="query"/>, in directory order.</summary>
    public static IReadOnlyList<string> SearchUsers(EmulatedDirectory directory, string query)
    {
        var prefix = query.Trim();
        return [.. directory.Users
            .Where(u => new[] { u.DisplayName, u.GivenName, u.Surname, u.Mail, u.UserPrincipalName }
                .Any(value => value is not null && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Select(u => u.Id.ToString())];
    }

    /// <summary>The ids of the groups whose display name, mail or mail nickname equals the trimmed <paramref name="name"/>, ignoring case.</summary>
    public static IReadOnlyList<string> FindGroups(EmulatedDirectory directory, string name)
    {
        var text = name.Trim();
        return [.. directory.Groups
            .Where(g => new[] { g.DisplayName, g.Mail, g.MailNickname }.Any(value => string.Equals(value, text, StringComparison.OrdinalIgnoreCase)))
            .Select(g => g.Id.ToString())];
    }

    /// <summary>The query actions of a connection authenticating with <paramref name="credential"/>.</summary>
    public static IEntraQueryActions Queries(EmulatorHarness harness, TokenCredential credential) =>
        harness.BuildProvider(credential).GetRequiredService<IEntraQueryActions>();

    /// <summary>A security group with a mail nickname, for custom seeds.</summary>
    public static EmulatedGroup Security(string displayName, string? mailNickname = null) =>
        EmulatedGroup.CreateSecurity(Guid.NewGuid(), displayName) with { MailNickname = mailNickname ?? Guid.NewGuid().ToString("N") };

    /// <summary>A member user with all five searched names set, for custom seeds.</summary>
    public static EmulatedUser User(string displayName, string alias, string? givenName = null, string? surname = null) => new()
    {
        Id = Guid.NewGuid(),
        DisplayName = displayName,
        GivenName = givenName,
        Surname = surname,
        UserPrincipalName = $"{alias}@contoso.com",
        Mail = $"{alias}@contoso.com",
    };
}
