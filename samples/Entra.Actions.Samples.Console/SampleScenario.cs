using Entra.Actions.Emulator;
using Microsoft.Extensions.Configuration;

namespace Entra.Actions.Samples.ConsoleApp;

/// <summary>The ids the sample works with: the emulator's demo tenant, or the Sample:* settings for a real tenant.</summary>
internal sealed record SampleScenario(
    bool UsesEmulator,
    string UserId,
    string UserPrincipalName,
    string GroupId,
    string MemberToChangeId,
    string ChangeGroupId,
    string? DynamicGroupId)
{
    public static SampleScenario FromConfiguration(IConfiguration configuration)
    {
        var real = !string.IsNullOrWhiteSpace(configuration["EntraActions:TenantId"])
            || !string.IsNullOrWhiteSpace(configuration["EntraActions:ClientId"])
            || string.Equals(configuration["EntraActions:UseManagedIdentity"], "true", StringComparison.OrdinalIgnoreCase);
        if (!real)
        {
            return new SampleScenario(
                UsesEmulator: true,
                UserId: DemoTenant.AdeleVanceId,
                UserPrincipalName: DemoTenant.GuestUserUpn,
                GroupId: DemoTenant.HrTaskforceGroupId,
                MemberToChangeId: DemoTenant.AlexWilberId,
                ChangeGroupId: DemoTenant.ProjectFalconGroupId,
                DynamicGroupId: DemoTenant.DynamicGroupId);
        }

        string Required(string key) => configuration[$"Sample:{key}"] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Running against a real tenant needs Sample:{key} (appsettings.json or the environment variable Sample__{key}).");

        return new SampleScenario(
            UsesEmulator: false,
            UserId: Required("UserId"),
            UserPrincipalName: Required("UserPrincipalName"),
            GroupId: Required("GroupId"),
            MemberToChangeId: Required("MemberToChangeId"),
            ChangeGroupId: Required("GroupId"),
            DynamicGroupId: configuration["Sample:DynamicGroupId"] is { Length: > 0 } dynamic ? dynamic : null);
    }
}
