using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Tests.Validation;

public class QueryTextValidatorTests
{
    /// <summary>Unpaired surrogates as code units: xunit cannot carry a lone surrogate in a string through theory data.</summary>
    public static TheoryData<int[]> UnpairedSurrogates => new()
    {
        new[] { 0xD800 },
        new[] { 0xDC00 },
        new[] { 'a', 0xDC00, 'b' },
        new[] { 'x', 0xD83D, 'y' },
        new[] { 0xDE00, 0xD83D },
        new[] { 'a', 0xD83D },
    };

    [Theory]
    [InlineData("Ade", "Ade")]
    [InlineData("  Ade \t\r\n", "Ade")]
    [InlineData("Ade Vance", "Ade Vance")]
    [InlineData("O'Brien", "O'Brien")]
    [InlineData("' or 1 eq 1 or startswith(displayName,'", "' or 1 eq 1 or startswith(displayName,'")]
    [InlineData("%2527&$filter=#?+/\\*\"", "%2527&$filter=#?+/\\*\"")]
    [InlineData("\u05E9\u05DC\u05D5\u05DD", "\u05E9\u05DC\u05D5\u05DD")]
    [InlineData("e\u0301", "e\u0301")]
    [InlineData("\u200Fabc", "\u200Fabc")]
    public void TryValidate_ValidText_ReturnsTheTrimmedText(string value, string expected)
    {
        QueryTextValidator.TryValidate(value, "Query", 256, out var text, out var error).Should().BeTrue(error?.Message);

        text.Should().Be(expected);
        error.Should().BeNull();
    }

    [Fact]
    public void TryValidate_SurrogatePair_IsValid()
    {
        var emoji = char.ConvertFromUtf32(0x1F600);

        QueryTextValidator.TryValidate("a" + emoji + "b" + emoji, "Query", 256, out var text, out _).Should().BeTrue();

        text.Should().Be("a" + emoji + "b" + emoji);
    }

    [Fact]
    public void TryValidate_ExactlyMaxLength_IsValid()
    {
        QueryTextValidator.TryValidate(new string('a', 256), "Query", 256, out var text, out _).Should().BeTrue();

        text.Should().HaveLength(256);
    }

    [Fact]
    public void TryValidate_Null_RequiredNamingTheInput()
    {
        QueryTextValidator.TryValidate(null, "Name", 256, out var text, out var error).Should().BeFalse();

        text.Should().BeNull();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Be("Name is required.");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t\r\n \u00A0\u2003")]
    public void TryValidate_EmptyOrWhiteSpace_InvalidNamingTheInput(string value)
    {
        QueryTextValidator.TryValidate(value, "Query", 256, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Be("Query must contain a character other than white space.");
    }

    [Theory]
    [InlineData(257)]
    [InlineData(10_000)]
    public void TryValidate_TooLong_InvalidWithTheLength(int length)
    {
        QueryTextValidator.TryValidate(new string('a', length), "Query", 256, out _, out var error).Should().BeFalse();

        error!.Message.Should().Be($"Query is {length} characters long; at most 256 are allowed.");
    }

    [Fact]
    public void TryValidate_LengthCountsSurroundingWhiteSpace_TooLong()
    {
        QueryTextValidator.TryValidate(" " + new string('a', 256), "Query", 256, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u009Fb")]
    public void TryValidate_ControlCharacter_InvalidQuotingTheValueEscaped(string value)
    {
        QueryTextValidator.TryValidate(value, "Query", 256, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().StartWith("Query 'a\\u").And.Contain("contains a control character");
        error.Message.Should().NotContain(value[1].ToString(), "the control character is escaped in the message");
    }

    [Theory]
    [MemberData(nameof(UnpairedSurrogates))]
    public void TryValidate_UnpairedSurrogate_InvalidWithoutQuotingIt(int[] codeUnits)
    {
        var value = new string([.. codeUnits.Select(c => (char)c)]);

        QueryTextValidator.TryValidate(value, "Query", 256, out _, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Be("Query is not valid text (an unpaired UTF-16 surrogate).");
    }

    [Theory]
    [InlineData(1, 999)]
    [InlineData(999, 999)]
    [InlineData(100_000, 100_000)]
    public void TryValidateLimit_InRange_IsValid(int limit, int max)
    {
        QueryTextValidator.TryValidateLimit(limit, "Limit", max, out var error).Should().BeTrue();

        error.Should().BeNull();
    }

    [Theory]
    [InlineData(0, 999, "Limit must be between 1 and 999, not 0.")]
    [InlineData(-1, 999, "Limit must be between 1 and 999, not -1.")]
    [InlineData(1000, 999, "Limit must be between 1 and 999, not 1000.")]
    [InlineData(100_001, 100_000, "Limit must be between 1 and 100,000, not 100001.")]
    [InlineData(int.MinValue, 100_000, "Limit must be between 1 and 100,000, not -2147483648.")]
    public void TryValidateLimit_OutOfRange_InvalidNamingTheRange(int limit, int max, string message)
    {
        QueryTextValidator.TryValidateLimit(limit, "Limit", max, out var error).Should().BeFalse();

        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Be(message);
    }
}
