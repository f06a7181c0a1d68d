namespace Entra.Actions.Emulator.Tests.Http;

public class SearchTokensTests
{
    [Theory]
    [InlineData("Adele Vance", new[] { "Adele", "Vance" })]
    [InlineData("AdeleV@contoso.com", new[] { "Adele", "V", "contoso", "com" })]
    [InlineData("Room42b-East", new[] { "Room", "42", "b", "East" })]
    [InlineData("  R&D  ", new[] { "R", "D" })]
    [InlineData("", new string[0])]
    [InlineData("***", new string[0])]
    public void Split_Text_SplitsOnSpacesSymbolsDigitsAndCaseChange(string text, string[] expected)
    {
        SearchTokens.Split(text).Should().Equal(expected);
    }

    [Theory]
    [InlineData("Adele Vance", "va", true)]
    [InlineData("Adele Vance", "ADE", true)]
    [InlineData("Adele Vance", "vance adele", true)]
    [InlineData("Adele Vance", "ance", false)]
    [InlineData("Adele Vance", "adele x", false)]
    [InlineData("Pat O'Brien", "brien", true)]
    [InlineData("Pat O'Brien", "o'b", true)]
    [InlineData("Adele Vance", "", false)]
    [InlineData("Adele Vance", "\"", false)]
    public void Matches_Query_EveryQueryTokenStartsAWord(string value, string query, bool expected)
    {
        SearchTokens.Matches(value, query).Should().Be(expected);
    }
}
