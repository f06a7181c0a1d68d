using System.Text.Json.Nodes;

namespace Entra.Actions.Emulator.Tests.Tool;

/// <summary>The emulator is a plain library (a consumer's own Program and WebApplicationFactory&lt;Program&gt; do not clash
/// with it); the standalone server is the tool, which rolls forward to newer runtimes.</summary>
public class PackageShapeTests
{
    [Fact]
    public void EmulatorAssembly_IsALibrary_NoEntryPointNoProgramNoRuntimeConfig()
    {
        var assembly = typeof(GraphEmulator).Assembly;

        assembly.EntryPoint.Should().BeNull();
        assembly.GetTypes().Should().NotContain(type => type.Name == "Program");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "Entra.Actions.Emulator.runtimeconfig.json")).Should().BeFalse();
    }

    [Fact]
    public void ToolAssembly_HasInternalEntryPointAndRollsForwardMajor()
    {
        var entryPoint = typeof(Emulator.Tool.EmulatorTool).Assembly.EntryPoint;
        entryPoint.Should().NotBeNull();
        entryPoint!.DeclaringType!.IsPublic.Should().BeFalse();

        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Entra.Actions.Emulator.Tool.runtimeconfig.json")))!;
        config["runtimeOptions"]!["rollForward"]!.GetValue<string>().Should().Be("Major");
    }
}
