using System.Globalization;
using Entra.Actions.Emulator.Tool;

namespace Entra.Actions.Emulator.Tests.Tool;

public class EmulatorCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_DemoDefaults()
    {
        var line = EmulatorCommandLine.Parse([]);

        line.Error.Should().BeNull();
        line.ShowHelp.Should().BeFalse();
        line.Port.Should().Be(5195);
        line.SeedFile.Should().BeNull();
        var options = line.CreateOptions();
        options.RequireAuthentication.Should().BeTrue();
        options.Throttling.Enabled.Should().BeTrue();
        options.Throttling.TimeScale.Should().Be(1.0);
        options.SignIn.Interactive.Should().BeFalse();
    }

    [Fact]
    public void Parse_EveryOption_SetsEverySetting()
    {
        var seed = Path.GetTempFileName();
        try
        {
            var line = EmulatorCommandLine.Parse(["--port", "0", "--seed", seed, "--no-auth", "--no-throttling", "--time-scale", "2.5", "--interactive-sign-in"]);

            line.Error.Should().BeNull();
            line.Port.Should().Be(0);
            line.SeedFile.Should().Be(seed);
            var options = line.CreateOptions();
            options.RequireAuthentication.Should().BeFalse();
            options.Throttling.Enabled.Should().BeFalse();
            options.Throttling.TimeScale.Should().Be(2.5);
            options.SignIn.Interactive.Should().BeTrue();
        }
        finally
        {
            File.Delete(seed);
        }
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("5195", 5195)]
    [InlineData("65535", 65535)]
    public void Parse_ValidPort_Accepted(string value, int expected) =>
        EmulatorCommandLine.Parse(["--port", value]).Port.Should().Be(expected);

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("65536")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData(" 80")]
    [InlineData("99999999999")]
    public void Parse_BadPort_ErrorNamesOptionAndValue(string value)
    {
        var line = EmulatorCommandLine.Parse(["--port", value]);

        line.Error.Should().Be($"--port '{value}' is not a port number 0-65535.");
    }

    [Theory]
    [InlineData("--port")]
    [InlineData("--seed")]
    [InlineData("--time-scale")]
    public void Parse_OptionWithoutValue_ErrorNamesOption(string option)
    {
        var line = EmulatorCommandLine.Parse(["--no-auth", option]);

        line.Error.Should().StartWith($"{option} needs a value");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Parse_BadTimeScale_ErrorNamesOptionAndValue(string value)
    {
        var line = EmulatorCommandLine.Parse(["--time-scale", value]);

        line.Error.Should().StartWith($"--time-scale '{value}' is not a positive number");
    }

    [Fact]
    public void Parse_TimeScaleUnderCommaCulture_ReadsInvariantDecimal()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            EmulatorCommandLine.Parse(["--time-scale", "0.5"]).TimeScale.Should().Be(0.5);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Parse_MissingSeedFile_ErrorNamesOptionAndFile()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.json");

        var line = EmulatorCommandLine.Parse(["--seed", missing]);

        line.Error.Should().Be($"--seed '{missing}': file not found.");
    }

    [Fact]
    public void Parse_UnknownArgument_ErrorNamesIt()
    {
        var line = EmulatorCommandLine.Parse(["--port", "1", "--verbose"]);

        line.Error.Should().Be("Unknown argument '--verbose'. Use --help.");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("-?")]
    public void Parse_Help_ShowsHelpWithoutError(string flag)
    {
        var line = EmulatorCommandLine.Parse(["--no-auth", flag, "--port", "abc"]);

        line.ShowHelp.Should().BeTrue();
        line.Error.Should().BeNull();
    }

    [Fact]
    public void HelpText_EveryOption_OnItsOwnLine()
    {
        var lines = EmulatorCommandLine.HelpText.Split('\n');

        foreach (var option in new[] { "--port <n>", "--seed <tenant.json>", "--no-auth", "--no-throttling", "--time-scale <x>", "--interactive-sign-in", "-h, --help" })
        {
            lines.Should().ContainSingle(line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal), option);
        }

        EmulatorCommandLine.HelpText.Should().Contain("Exit codes: 0").And.Contain("1 could not start").And.Contain("2 bad argument");
    }
}
