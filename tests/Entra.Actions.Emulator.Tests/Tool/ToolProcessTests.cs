using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Entra.Actions.Emulator.Tests.Tool;

/// <summary>The built entra-emulator started as a real process: signals, exit codes, error lines and the banner's commands.</summary>
public class ToolProcessTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    [InlineData("QUIT")]
    [InlineData("HUP")]
    public async Task Signal_RunningTool_ExitsZeroAndStopsListening(string signal)
    {
        await using var tool = ToolProcess.Start("--port", "0");
        var root = Root(await tool.WaitForBannerAsync());
        using (var http = new HttpClient())
        {
            (await http.GetAsync(new Uri(root, "/_emulator/token"))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await tool.SignalAsync(signal);

        (await tool.WaitForExitAsync(StopWithin)).Should().Be(0);
        tool.Error.Should().BeEmpty();
        tool.Output.Should().Contain("Stopped.");
        var connect = async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, root.Port);
        };
        await connect.Should().ThrowAsync<SocketException>();
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--port", "70000")]
    [InlineData("--seed", "missing.json")]
    [InlineData("--time-scale", "fast")]
    public async Task BadArgument_Tool_ExitsTwoWithOneLineNamingOptionAndValue(string option, string value)
    {
        await using var tool = ToolProcess.Start(option, value);

        (await tool.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(2);

        tool.Error.Should().ContainSingle().Which.Should().Contain(option).And.Contain(value);
        tool.Error.Concat(tool.Output).Should().NotContain(line => line.Contains("   at ", StringComparison.Ordinal));
        tool.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Banner_TokenCommandAndTryIt_WorkAgainstThePrintedUrl()
    {
        await using var tool = ToolProcess.Start("--port", "0");
        var banner = await tool.WaitForBannerAsync();
        var baseUrl = Regex.Match(banner[0], @"on (?<url>http://127\.0\.0\.1:\d+/v1\.0)$").Groups["url"].Value;
        baseUrl.Should().NotBeEmpty(banner[0]);

        // "application: TOKEN=$(curl -s "<url>" | sed -E 's/<expression>/\1/')", done here with HttpClient and the same expression.
        var tokenLine = banner.Single(line => line.TrimStart().StartsWith("application:", StringComparison.Ordinal));
        var command = Regex.Match(tokenLine, """TOKEN=\$\(curl -s "(?<url>[^"]+)" \| sed -E 's/(?<expression>.+)/\\1/'\)$""");
        command.Success.Should().BeTrue(tokenLine);
        var tryLine = banner.SkipWhile(line => line != "Try it:").Skip(1).First();
        var tryIt = Regex.Match(tryLine, """^  curl -H "Authorization: Bearer \$TOKEN" (?<url>\S+)$""");
        tryIt.Success.Should().BeTrue(tryLine);
        tryIt.Groups["url"].Value.Should().StartWith(baseUrl + "/");

        using var http = new HttpClient();
        var tokenResponse = await http.GetStringAsync(new Uri(command.Groups["url"].Value));
        var token = Regex.Replace(tokenResponse.TrimEnd('\n'), command.Groups["expression"].Value, "$1");
        token.Should().StartWith("eyJ").And.NotContain("\"");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(tryIt.Groups["url"].Value));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"displayName\":\"Adele Vance\"");
        using var anonymous = await http.GetAsync(new Uri(tryIt.Groups["url"].Value));
        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token is what makes the request pass");
    }

    private static Uri Root(IReadOnlyList<string> banner)
    {
        var match = Regex.Match(banner[0], @"on (?<root>http://127\.0\.0\.1:\d+)/v1\.0$");
        match.Success.Should().BeTrue(banner[0]);
        return new Uri(match.Groups["root"].Value);
    }
}
