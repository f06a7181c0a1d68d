using Entra.Actions.Emulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Entra.Actions.Samples.ConsoleApp;

/// <summary>Runs each step, compares what happened with what should happen, and prints one line per step.</summary>
internal sealed class SampleRunner
{
    private const string InvalidId = "../groups";

    /// <summary>Application permissions of the sample's emulated connection: the four the product asks for.</summary>
    private static readonly string[] ConnectionPermissions = ["User.Read.All", "Group.Read.All", "GroupMember.Read.All", "GroupMember.ReadWrite.All"];

    private readonly SampleScenario _scenario;
    private readonly IConfiguration _configuration;
    private readonly bool _verbose;
    private readonly GraphEmulator? _emulator;
    private int _passed;
    private int _failed;

    public SampleRunner(SampleScenario scenario, IConfiguration configuration, bool verbose)
    {
        _scenario = scenario;
        _configuration = configuration;
        _verbose = verbose;
        _emulator = scenario.UsesEmulator ? new GraphEmulator() : null;
    }

    public async Task<(int Passed, int Failed)> RunAsync()
    {
        await using var provider = BuildProvider(ConnectionPermissions);
        var entra = provider.GetRequiredService<IEntraActions>();
        var s = _scenario;

        await StepAsync("Lookup user by id", entra.LookupUserAsync(s.UserId), r => r.Succeeded, DescribeUser);
        await StepAsync("Lookup user by UPN", entra.LookupUserAsync(s.UserPrincipalName), r => r.Succeeded, DescribeUser);
        await StepAsync("Lookup group", entra.LookupGroupAsync(s.GroupId), r => r.Succeeded, g => $"{g.DisplayName} ({g.Kind}{(g.IsDynamic ? ", dynamic" : string.Empty)})");
        await StepAsync("Add user to group", entra.AddUserToGroupAsync(s.MemberToChangeId, s.ChangeGroupId), Outcome(MembershipOutcome.Added), DescribeChange);
        await StepAsync("Add the same user again", entra.AddUserToGroupAsync(s.MemberToChangeId, s.ChangeGroupId), Outcome(MembershipOutcome.AlreadyMember), DescribeChange);
        await StepAsync("Remove member from group", entra.RemoveMemberFromGroupAsync(s.MemberToChangeId, s.ChangeGroupId), Outcome(MembershipOutcome.Removed), DescribeChange);
        await StepAsync("Remove the same member again", entra.RemoveMemberFromGroupAsync(s.MemberToChangeId, s.ChangeGroupId), Outcome(MembershipOutcome.NotAMember), DescribeChange);

        Console.WriteLine();
        Console.WriteLine("Refused, as they should be:");
        await StepAsync($"Lookup user '{InvalidId}'", entra.LookupUserAsync(InvalidId), Refused<EntraUser>(EntraErrorKind.InvalidInput), DescribeUser);
        if (s.DynamicGroupId is not null)
        {
            await StepAsync("Add user to a dynamic group", entra.AddUserToGroupAsync(s.MemberToChangeId, s.DynamicGroupId), Refused<MembershipChange>(EntraErrorKind.UnsupportedGroup), DescribeChange);
        }

        if (_emulator is not null)
        {
            // A second connection whose token lacks GroupMember.ReadWrite.All: Graph answers 403, the action says what is missing.
            await using var readOnly = BuildProvider(["User.Read.All", "GroupMember.Read.All"]);
            var limited = readOnly.GetRequiredService<IEntraActions>();
            await StepAsync("Add user without GroupMember.ReadWrite.All", limited.AddUserToGroupAsync(s.MemberToChangeId, s.ChangeGroupId), Refused<MembershipChange>(EntraErrorKind.Forbidden), DescribeChange);
        }

        return (_passed, _failed);
    }

    private ServiceProvider BuildProvider(string[] emulatedPermissions)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (_verbose)
            {
                logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Debug);
            }
        });

        if (_emulator is null)
        {
            services.AddEntraActions(_configuration);
        }
        else
        {
            var emulator = _emulator;
            services.AddEntraActions(o =>
                {
                    o.GraphBaseUrl = new Uri(GraphEmulator.InProcessBaseUrl);
                    o.Credential = EmulatorCredential.ForApplication(emulatedPermissions);
                })
                .ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        }

        return services.BuildServiceProvider();
    }

    private async Task StepAsync<T>(string name, Task<EntraActionResult<T>> call, Func<EntraActionResult<T>, bool> expected, Func<T, string> describe)
    {
        var result = await call;
        var ok = expected(result);
        _ = ok ? _passed++ : _failed++;
        var detail = result.Succeeded ? describe(result.Value) : $"{result.Error.Kind}: {result.Error.Message}";
        Console.WriteLine($"  [{(ok ? " ok " : "FAIL")}] {name,-45} {detail}");
        if (!result.Succeeded && result.Error.RequestId is { } requestId)
        {
            Console.WriteLine($"         {string.Empty,-45} (status {result.Error.StatusCode}, {result.Error.GraphErrorCode}, request-id {requestId})");
        }
    }

    private static Func<EntraActionResult<MembershipChange>, bool> Outcome(MembershipOutcome outcome) =>
        r => r.Succeeded && r.Value.Outcome == outcome;

    private static Func<EntraActionResult<T>, bool> Refused<T>(EntraErrorKind kind) =>
        r => !r.Succeeded && r.Error.Kind == kind;

    private static string DescribeUser(EntraUser user) => $"{user.DisplayName} <{user.UserPrincipalName}> {user.JobTitle}".TrimEnd();

    private static string DescribeChange(MembershipChange change) => $"{change.Outcome} (member {change.MemberId}, group {change.GroupId})";
}
