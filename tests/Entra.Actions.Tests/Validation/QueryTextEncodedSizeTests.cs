using Entra.Actions.Validation.Internal;

namespace Entra.Actions.Tests.Validation;

public sealed class QueryTextEncodedSizeTests
{
    [Theory]
    [InlineData("a", 1)]
    [InlineData("O'Brien", 8)] // the quote counts twice: the OData literal doubles it
    [InlineData("é", 2)]
    [InlineData("中", 3)]
    [InlineData("😀", 4)]
    public void TryValidateEncodedSize_AtTheBudget_Valid(string text, int bytes)
    {
        QueryTextValidator.TryValidateEncodedSize(text, "Query", bytes, out var error).Should().BeTrue();
        error.Should().BeNull();
    }

    [Theory]
    [InlineData("a", 0)]
    [InlineData("O'Brien", 7)]
    [InlineData("中", 2)]
    public void TryValidateEncodedSize_OneByteOver_InvalidInputSayingHowLong(string text, int budget)
    {
        QueryTextValidator.TryValidateEncodedSize(text, "Query", budget, out var error).Should().BeFalse();
        error!.Kind.Should().Be(EntraErrorKind.InvalidInput);
        error.Message.Should().Contain($"{budget + 1} bytes").And.Contain($"at most {budget}");
    }

    [Fact]
    public void TryValidateEncodedSize_SearchUsersBudget_TakesEveryAsciiTextOfTheMaximumLength()
    {
        QueryTextValidator.TryValidateEncodedSize(new string('\'', SearchUsersAction.MaxQueryLength), "Query", SearchUsersAction.MaxQueryBytes, out _).Should().BeTrue();
        QueryTextValidator.TryValidateEncodedSize(new string('中', SearchUsersAction.MaxQueryLength), "Query", SearchUsersAction.MaxQueryBytes, out _).Should().BeFalse();
    }
}
