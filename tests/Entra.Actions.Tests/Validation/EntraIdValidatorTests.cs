using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Tests.Validation;

public class EntraIdValidatorTests
{
    private const string Guid = "87d349ed-44d7-43e1-9a83-5f2406dee5bd";

    public static TheoryData<string?> InvalidObjectIds => new()
    {
        null,
        string.Empty,
        " ",
        "\t",
        ".",
        "..",
        " " + Guid,
        Guid + " ",
        Guid + "\n",
        "{" + Guid + "}",
        "(" + Guid + ")",
        "87d349ed44d743e19a835f2406dee5bd",
        "87d349ed-44d7-43e1-9a83-5f2406dee5b",
        "87d349ed-44d7-43e1-9a83-5f2406dee5bdd",
        "87d349ed-44d7-43e1-9a83-5f2406dee5bg",
        "87d349ed-44d7-43e1-9a83-5f2406dee5b\u0000",
        "87d349ed-44d7-43e1-9a83-5f2406dee5b\u200B",
        "87d349ed-44d7-43e1-9a83-5f2406de/e5b",
        "87d349ed-44d7-43e1-9a83-5f2406de%e5b",
        "87d349ed-44d7-43e1-9a835f2406dee5bd-",
        "0x7d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "../groups/87d349ed-44d7-43e1-9a83-5f2406dee5bd",
        "adele@contoso.com",
        "G1",
    };

    public static TheoryData<string> ValidUserPrincipalNames => new()
    {
        "adele@contoso.com",
        "AdeleV@contoso.onmicrosoft.com",
        "adele.vance@sub.contoso.co.uk",
        "AdeleVance_adatum.com#EXT#@contoso.onmicrosoft.com",
        "o'brien@contoso.com",
        "a!b#c^d~e-f_g@x-y.example.com",
        "1234@123.com",
        "a@b.co",
        new string('a', 64) + "@" + new string('b', 40) + ".com",
    };

    public static TheoryData<string?> InvalidUserIds => new()
    {
        null,
        string.Empty,
        " ",
        "   ",
        ".",
        "..",
        "$x@y.com",
        "a/b@c.com",
        "a?b@c.com",
        "a b@c.com",
        "a%2F@c.com",
        "a+b@c.com",
        "a&b@c.com",
        "a=b@c.com",
        "a\"b@c.com",
        "a(b)@c.com",
        "..@x.com",
        ".a@x.com",
        "a.@x.com",
        "a..b@x.com",
        "user@..",
        "user@.com",
        "user@com.",
        "user@com",
        "user@-contoso.com",
        "user@contoso-.com",
        "user@con_toso.com",
        "user@contoso..com",
        "user@" + new string('a', 64) + ".com",
        "@x.com",
        "x@",
        "@",
        "a@b@c.com",
        "adele",
        " adele@contoso.com",
        "adele@contoso.com ",
        "adele@contoso.com\n",
        "ade\u0000le@contoso.com",
        "ade\u0007le@contoso.com",
        "ade\u202Ele@contoso.com",
        "ade\u200Ble@contoso.com",
        "adèle@contoso.com",
        "adele@cöntoso.com",
        "adele@contoso.com/../groups",
        "adele@contoso.com?$select=id",
        "adele@contoso.com#frag",
        new string('a', 100) + "@" + new string('b', 9) + ".com",
        "{" + Guid + "}",
        " " + Guid,
    };

    [Theory]
    [InlineData(Guid, Guid)]
    [InlineData("87D349ED-44D7-43E1-9A83-5F2406DEE5BD", Guid)]
    [InlineData("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000")]
    public void TryValidateObjectId_Guid_ReturnsLowerCaseGuid(string input, string expected)
    {
        var valid = EntraIdValidator.TryValidateObjectId(input, EntraIdValidator.GroupIdInput, out var objectId, out var error);

        valid.Should().BeTrue();
        objectId.Should().Be(expected);
        error.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(InvalidObjectIds))]
    public void TryValidateObjectId_NotAGuid_ReturnsInvalidInputNamingTheInput(string? input)
    {
        var valid = EntraIdValidator.TryValidateObjectId(input, EntraIdValidator.GroupIdInput, out var objectId, out var error);

        valid.Should().BeFalse();
        objectId.Should().BeNull();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().StartWith("Group ID").And.Contain("GUID");
        error.StatusCode.Should().BeNull();
    }

    [Theory]
    [InlineData(Guid)]
    [InlineData("87D349ED-44D7-43E1-9A83-5F2406DEE5BD")]
    public void TryValidateUserId_Guid_ReturnsObjectIdKind(string input)
    {
        var valid = EntraIdValidator.TryValidateUserId(input, EntraIdValidator.UserIdInput, out var id, out var error);

        valid.Should().BeTrue();
        error.Should().BeNull();
        id.Kind.Should().Be(EntraIdKind.ObjectId);
        id.IsObjectId.Should().BeTrue();
        id.Value.Should().Be(Guid);
    }

    [Theory]
    [MemberData(nameof(ValidUserPrincipalNames))]
    public void TryValidateUserId_UserPrincipalName_ReturnsUpnKindUnchanged(string input)
    {
        var valid = EntraIdValidator.TryValidateUserId(input, EntraIdValidator.UserIdInput, out var id, out var error);

        valid.Should().BeTrue();
        error.Should().BeNull();
        id.Kind.Should().Be(EntraIdKind.UserPrincipalName);
        id.IsObjectId.Should().BeFalse();
        id.Value.Should().Be(input);
    }

    [Theory]
    [MemberData(nameof(InvalidUserIds))]
    public void TryValidateUserId_Invalid_ReturnsInvalidInputNamingTheInput(string? input)
    {
        var valid = EntraIdValidator.TryValidateUserId(input, EntraIdValidator.UserIdInput, out _, out var error);

        valid.Should().BeFalse();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().StartWith("User ID").And.Contain("userPrincipalName");
    }

    [Fact]
    public void TryValidateUserId_MaximumLength_IsValid()
    {
        var upn = new string('a', 100) + "@" + new string('b', 8) + ".com";
        upn.Length.Should().Be(EntraIdValidator.MaxUserPrincipalNameLength);

        EntraIdValidator.TryValidateUserId(upn, EntraIdValidator.UserIdInput, out _, out _).Should().BeTrue();
        EntraIdValidator.TryValidateUserId("a" + upn, EntraIdValidator.UserIdInput, out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData(null, "User ID is missing.")]
    [InlineData("", "User ID is empty.")]
    [InlineData("  ", "User ID '  ' is only whitespace.")]
    [InlineData("..", "User ID '..' is a path segment, not an id.")]
    [InlineData(" a@b.com", "User ID ' a@b.com' has leading or trailing whitespace.")]
    [InlineData("a\u0000b", "User ID 'a\\u0000b' contains control or invisible characters.")]
    [InlineData("a\u202Eb", "User ID 'a\\u202Eb' contains control or invisible characters.")]
    [InlineData("a/b@c.com", "User ID 'a/b@c.com' is not valid.")]
    public void TryValidateUserId_Invalid_MessageSaysWhy(string? input, string expectedStart)
    {
        EntraIdValidator.TryValidateUserId(input, EntraIdValidator.UserIdInput, out _, out var error);

        error!.Message.Should().StartWith(expectedStart).And.Contain("Expected an object id");
    }

    [Fact]
    public void TryValidateObjectId_MemberInput_MessageNamesMemberId()
    {
        EntraIdValidator.TryValidateObjectId("x", EntraIdValidator.MemberIdInput, out _, out var error);

        error!.Message.Should().Be("Member ID 'x' is not valid. Expected an object id: a GUID such as 00000000-0000-0000-0000-000000000000.");
    }

    [Fact]
    public void Quote_LongValueWithControlCharacters_EscapesAndTruncates()
    {
        var value = "\r\n" + new string('x', 200);

        var quoted = EntraIdValidator.Quote(value);

        quoted.Should().StartWith("'\\u000D\\u000Axxx");
        quoted.Should().EndWith("'... (202 characters)");
        quoted.Should().NotContain("\r").And.NotContain("\n");
        quoted.Length.Should().BeLessThan(120);
    }

    [Fact]
    public void Quote_LoneSurrogate_IsEscaped()
    {
        EntraIdValidator.Quote("a\uD800b").Should().Be("'a\\uD800b'");
    }

    [Theory]
    [InlineData("adele@contoso.com", true)]
    [InlineData("o'brien!^~_-.x@sub.contoso.com", true)]
    [InlineData("guest#EXT#@contoso.onmicrosoft.com", false)]
    [InlineData("a&b@contoso.com", false)]
    [InlineData("a b@contoso.com", false)]
    [InlineData("a%27@contoso.com", false)]
    [InlineData("a@b@contoso.com", false)]
    [InlineData("@contoso.com", false)]
    [InlineData("adele@", false)]
    public void IsFilterSafeUserPrincipalName_OnlyTheFilterAlphabetAroundOneAt(string name, bool safe) =>
        EntraIdValidator.IsFilterSafeUserPrincipalName(name).Should().Be(safe);

    [Theory]
    [InlineData("87D349ED-44D7-43E1-9A83-5F2406DEE5BD", "87d349ed-44d7-43e1-9a83-5f2406dee5bd")]
    [InlineData("87d349ed-44d7-43e1-9a83-5f2406dee5bd", "87d349ed-44d7-43e1-9a83-5f2406dee5bd")]
    public void TryValidate_AGuid_AnObjectIdHoldingTheLowerCaseGuid(string value, string expected)
    {
        EntraIdValidator.TryValidate(value, EntraIdValidator.MemberIdInput, out ObjectId id, out var error).Should().BeTrue();

        id.Value.Should().Be(expected);
        error.Should().BeNull();
        EntraIdValidator.TryValidateUserId(value, EntraIdValidator.UserIdInput, out var user, out _).Should().BeTrue();
        user.ObjectId.Should().Be(id, "a user id that is a GUID carries the same validated object id");
    }

    [Theory]
    [InlineData("../groups")]
    [InlineData("{87d349ed-44d7-43e1-9a83-5f2406dee5bd}")]
    [InlineData("adele@contoso.com")]
    public void TryValidate_NotAGuid_NoObjectIdAndInvalidInput(string value)
    {
        EntraIdValidator.TryValidate(value, EntraIdValidator.GroupIdInput, out ObjectId id, out var error).Should().BeFalse();

        id.Should().Be(default(ObjectId), "a failed validation yields no usable id");
        id.Invoking(i => i.Value).Should().Throw<InvalidOperationException>();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
    }

    [Fact]
    public void ObjectId_OfAUserPrincipalName_Throws()
    {
        EntraIdValidator.TryValidateUserId("adele@contoso.com", EntraIdValidator.UserIdInput, out var user, out _).Should().BeTrue();

        var act = () => user.ObjectId;

        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void ValidatedTypes_DefaultValue_CannotReachARequest()
    {
        var objectId = default(ObjectId);
        var validatedId = default(ValidatedId);

        objectId.Invoking(id => id.Value).Should().Throw<InvalidOperationException>().WithMessage("*not made by EntraIdValidator*");
        validatedId.Invoking(id => id.Value).Should().Throw<InvalidOperationException>().WithMessage("*not made by EntraIdValidator*");
        EntraIdValidator.TryValidate("6E7B768E-07E2-4810-8459-485F84F8F204", EntraIdValidator.GroupIdInput, out ObjectId valid, out _).Should().BeTrue();
        valid.Value.Should().Be("6e7b768e-07e2-4810-8459-485f84f8f204");
    }
}
