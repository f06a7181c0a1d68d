using System.Net;
using System.Net.Sockets;
using Entra.Actions.Emulator.Tool;

namespace Entra.Actions.Emulator.Tests.Tool;

/// <summary>The tool's run in-process: exit codes and one-line errors for what only shows when starting.</summary>
public class EmulatorToolTests
{
    [Fact]
    public async Task RunAsync_PortInUse_ExitsOneWithOneLine()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await EmulatorTool.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], output, error, Task.CompletedTask);

        exit.Should().Be(1);
        Lines(error).Should().ContainSingle().Which.Should().StartWith($"--port {port}: cannot listen on 127.0.0.1:{port}");
        output.ToString().Should().BeEmpty();
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("not json\nsecond line")]
    [InlineData("[]")]
    [InlineData("""{ "users": [] }""")]
    public async Task RunAsync_UnusableSeedFile_ExitsTwoWithOneLine(string content)
    {
        var seed = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(seed, content);
            var (output, error) = (new StringWriter(), new StringWriter());

            var exit = await EmulatorTool.RunAsync(["--port", "0", "--seed", seed], output, error, Task.CompletedTask);

            exit.Should().Be(2);
            Lines(error).Should().ContainSingle().Which.Should().StartWith($"--seed '{seed}': ")
                .And.MatchRegex(@": \S.{10,}", "the line says why the file cannot be used");
            output.ToString().Should().BeEmpty();
        }
        finally
        {
            File.Delete(seed);
        }
    }

    [Fact]
    public async Task RunAsync_Help_ExitsZeroAndPrintsHelp()
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await EmulatorTool.RunAsync(["--help"], output, error, new TaskCompletionSource().Task);

        exit.Should().Be(0);
        output.ToString().Should().Contain(EmulatorCommandLine.HelpText);
        error.ToString().Should().BeEmpty();
    }

    [Fact]
    public async Task RunAsync_SeededTenant_BannerNamesSeedAndTenantCredential()
    {
        var seed = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(seed, """
                { "organization": { "id": "0b6a4b8e-3f7e-4d43-9a35-5b0c1f2e3d4a", "displayName": "Fabrikam", "verifiedDomains": ["fabrikam.com"] },
                  "users": [ { "id": "6f1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "displayName": "Ann", "userPrincipalName": "ann@fabrikam.com" } ] }
                """);
            var (output, error) = (new StringWriter(), new StringWriter());

            var exit = await EmulatorTool.RunAsync(["--port", "0", "--seed", seed, "--no-throttling"], output, error, Task.CompletedTask);

            exit.Should().Be(0);
            var text = output.ToString();
            text.Should().Contain($"Fabrikam (0b6a4b8e-3f7e-4d43-9a35-5b0c1f2e3d4a), 1 users, 0 groups from {seed}")
                .And.Contain("throttling  off")
                .And.Contain("user=ann@fabrikam.com")
                .And.Contain("/v1.0/users/ann@fabrikam.com")
                .And.Contain("\"0b6a4b8e-3f7e-4d43-9a35-5b0c1f2e3d4a\")")
                .And.EndWith("Stopped." + Environment.NewLine);
            error.ToString().Should().BeEmpty();
        }
        finally
        {
            File.Delete(seed);
        }
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
}
