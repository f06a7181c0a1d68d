namespace Entra.Actions.Samples.ActionBuilder.Tests.Browser;

/// <summary>
/// Where the browser tests save their screenshots: <c>TestResults/screenshots/{test}/NN-stage.png</c> under the test project's
/// output folder (for example <c>tests/Entra.Actions.Samples.ActionBuilder.Tests/bin/Debug/net10.0/TestResults/screenshots</c>).
/// The xunit runner does not tell a test the folder <c>dotnet test --results-directory</c> names, so the output folder is used;
/// each run replaces a test's previous screenshots.
/// </summary>
internal static class ScreenshotFolders
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <summary>An empty folder for <paramref name="testName"/>'s screenshots.</summary>
    public static string For(string testName)
    {
        var folder = Path.Combine(Root, testName);
        if (System.IO.Directory.Exists(folder))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        System.IO.Directory.CreateDirectory(folder);
        return folder;
    }
}
