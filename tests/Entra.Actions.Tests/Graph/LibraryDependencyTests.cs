namespace Entra.Actions.Tests.Graph;

public sealed class LibraryDependencyTests
{
    [Fact]
    public void Library_ReferencesNeitherTheGraphSdkNorKiota()
    {
        var references = typeof(IEntraActions).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        references.Should().NotContain(name => name.StartsWith("Microsoft.Graph", StringComparison.Ordinal) || name.StartsWith("Microsoft.Kiota", StringComparison.Ordinal),
            "the directory talks to Graph over HttpClient and System.Text.Json; consumers do not pay for the SDK");
    }
}
