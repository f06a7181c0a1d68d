using Entra.Actions.Samples.ActionBuilder.Tests.Support;

namespace Entra.Actions.Samples.ActionBuilder.Tests.Browser;

public sealed class ChromiumTests
{
    [Fact]
    public async Task LaunchAsync_BrowserMissing_FailsNamingThePackage()
    {
        var missing = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "chromium");

        var launch = () => Chromium.LaunchAsync(missing);

        (await launch.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage($"*{missing}*apt-get install -y chromium*");
    }

    [Fact]
    public async Task LaunchAsync_DebianChromium_RunsAPage()
    {
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync();

        (await page.EvaluateAsync<int>("() => 6 * 7")).Should().Be(42);
        chromium.Browser.IsConnected.Should().BeTrue();
    }
}
