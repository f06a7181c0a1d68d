using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Tests.Validation;

public class PropertyNameValidatorTests
{
    [Theory]
    [InlineData("department")]
    [InlineData("accountEnabled")]
    [InlineData("onPremisesExtensionAttributes")]
    [InlineData("extension_0123456789abcdef_costCenter")]
    [InlineData("A")]
    [InlineData("a1_")]
    public void IsValidName_PlainName_ReturnsTrue(string name)
    {
        PropertyNameValidator.IsValidName(name).Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("1abc")]
    [InlineData("_abc")]
    [InlineData("dis play")]
    [InlineData("displayName ")]
    [InlineData("displayName\n")]
    [InlineData("id,manager")]
    [InlineData("$expand")]
    [InlineData("manager/id")]
    [InlineData("a-b")]
    [InlineData("a.b")]
    [InlineData("dépôt")]
    [InlineData("a\u0000")]
    public void IsValidName_NotAPlainName_ReturnsFalse(string? name)
    {
        PropertyNameValidator.IsValidName(name).Should().BeFalse();
    }

    [Fact]
    public void IsValidName_LengthLimit_Is128()
    {
        PropertyNameValidator.IsValidName("a" + new string('b', 127)).Should().BeTrue();
        PropertyNameValidator.IsValidName("a" + new string('b', 128)).Should().BeFalse();
    }

    [Fact]
    public void TryValidateUserProperties_Null_ReturnsEmpty()
    {
        PropertyNameValidator.TryValidateUserProperties(null, out var properties, out var error).Should().BeTrue();

        properties.Should().BeEmpty();
        error.Should().BeNull();
    }

    [Fact]
    public void TryValidateUserProperties_DuplicatesAndDefaults_AreCollapsedInCallerOrder()
    {
        string[] names = ["department", "DisplayName", "accountEnabled", "Department", "ID", "jobtitle", "accountEnabled"];

        PropertyNameValidator.TryValidateUserProperties(names, out var properties, out _).Should().BeTrue();

        properties.Should().Equal("department", "accountEnabled");
    }

    [Fact]
    public void TryValidateGroupProperties_GroupDefaults_AreIgnored()
    {
        string[] names = ["classification", "groupTypes", "membershipRule", "MAILENABLED"];

        PropertyNameValidator.TryValidateGroupProperties(names, out var properties, out _).Should().BeTrue();

        properties.Should().Equal("classification");
    }

    [Fact]
    public void TryValidateUserProperties_InvalidName_ReturnsInvalidInputNamingTheProperty()
    {
        string[] names = ["department", "id,manager"];

        PropertyNameValidator.TryValidateUserProperties(names, out var properties, out var error).Should().BeFalse();

        properties.Should().BeNull();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Contain("'id,manager'").And.Contain("item 2");
    }

    [Fact]
    public void TryValidateUserProperties_NullName_ReturnsInvalidInput()
    {
        string?[] names = ["department", null];

        PropertyNameValidator.TryValidateUserProperties(names!, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Contain("(null)");
    }

    [Fact]
    public void TryValidateUserProperties_FiftyDistinct_IsValid()
    {
        var names = Enumerable.Range(0, 50).Select(i => $"p{i}").Concat(["P0", "displayName"]);

        PropertyNameValidator.TryValidateUserProperties(names, out var properties, out _).Should().BeTrue();

        properties.Should().HaveCount(50);
    }

    [Fact]
    public void TryValidateUserProperties_FiftyOneDistinct_ReturnsInvalidInput()
    {
        var names = Enumerable.Range(0, 51).Select(i => $"p{i}");

        PropertyNameValidator.TryValidateUserProperties(names, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Contain("at most 50");
    }
}
