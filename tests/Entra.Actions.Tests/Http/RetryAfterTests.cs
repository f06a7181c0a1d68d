using Entra.Actions.Http.Internal;

namespace Entra.Actions.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2.128", 2128)]
    [InlineData("10", 10000)]
    [InlineData("0", 0)]
    [InlineData(" 3 ", 3000)]
    [InlineData("Thu, 26 Nov 2026 12:01:30 GMT", 90000)]
    [InlineData("Thu, 26 Nov 2026 11:00:00 GMT", 0)]
    public void Parse_ValidValue_ReturnsDelay(string value, int expectedMs) =>
        RetryAfter.Parse(value, Now).Should().Be(TimeSpan.FromMilliseconds(expectedMs));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-1")]
    [InlineData("1e400")]
    [InlineData("NaN")]
    public void Parse_InvalidValue_ReturnsNull(string? value) => RetryAfter.Parse(value, Now).Should().BeNull();
}
