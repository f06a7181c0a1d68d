using System.ComponentModel;
using System.Reflection;
using Entra.Actions.Catalog.Internal;

namespace Entra.Actions.Tests.Catalog;

public sealed class ErrorOutputTests
{
    [Fact]
    public void KindDescription_NamesEveryErrorKind()
    {
        var description = typeof(ErrorOutput).GetProperty(nameof(ErrorOutput.Kind))!.GetCustomAttribute<DescriptionAttribute>()!.Description;

        description.Should().ContainAll(Enum.GetNames<EntraErrorKind>(), "the output schema tells a flow designer every kind a step can fail with");
    }
}
