namespace Entra.Actions.Emulator.Tests.Http;

public class UserFilterTests
{
    private static readonly EmulatedUser Adele = new() { Id = Guid.Parse(DemoTenant.AdeleVanceId), DisplayName = "Adele Vance", UserPrincipalName = DemoTenant.AdeleVanceUpn };
    private static readonly EmulatedUser Alex = new() { Id = Guid.Parse(DemoTenant.AlexWilberId), DisplayName = "Alex Wilber", UserPrincipalName = "AlexW@contoso.com" };
    private static readonly EmulatedUser Quote = new() { Id = Guid.NewGuid(), DisplayName = "Pat O'Brien", UserPrincipalName = "O'Brien@contoso.com" };

    private static UserFilter Parse(string text)
    {
        UserFilter.TryParse(text, out var filter, out var error).Should().BeTrue(error);
        return filter!;
    }

    private static string Refused(string text)
    {
        UserFilter.TryParse(text, out var filter, out var error).Should().BeFalse();
        filter.Should().BeNull();
        return error!;
    }

    [Theory]
    [InlineData("id eq '" + DemoTenant.AdeleVanceId + "'")]
    [InlineData("ID eq '" + DemoTenant.AdeleVanceId + "'")]
    [InlineData("  id   eq\t'" + DemoTenant.AdeleVanceId + "'  ")]
    [InlineData("id eq '87D349ED-44D7-43E1-9A83-5F2406DEE5BD'")]
    [InlineData("userPrincipalName eq 'AdeleV@contoso.com'")]
    [InlineData("UserPrincipalName eq 'adelev@CONTOSO.com'")]
    [InlineData("userprincipalname in ('nobody@contoso.com','ADELEV@contoso.com')")]
    [InlineData("id in ( '" + DemoTenant.AdeleVanceId + "' , 'x' )")]
    [InlineData("(id eq 'x') or (userPrincipalName eq 'AdeleV@contoso.com')")]
    public void TryParse_SupportedExpression_MatchesAdeleOnly(string text)
    {
        var filter = Parse(text);

        filter.Matches(Adele).Should().BeTrue();
        filter.Matches(Alex).Should().BeFalse();
    }

    [Fact]
    public void TryParse_OrOfEqAndIn_MatchesEitherAndCountsEveryValue()
    {
        var filter = Parse($"id eq '{DemoTenant.AlexWilberId}' or userPrincipalName in ('a@contoso.com','AdeleV@contoso.com') or id eq 'b'");

        filter.Matches(Adele).Should().BeTrue();
        filter.Matches(Alex).Should().BeTrue();
        filter.ClauseCount.Should().Be(4);
    }

    [Fact]
    public void TryParse_EscapedQuoteInLiteral_MatchesUpnWithApostrophe()
    {
        var filter = Parse("userPrincipalName eq 'o''brien@contoso.com'");

        filter.Matches(Quote).Should().BeTrue();
        filter.Matches(Adele).Should().BeFalse();
    }

    [Theory]
    [InlineData("startswith(displayName,'adele')")]
    [InlineData("startswith(displayName,'ADELE VANCE')")]
    [InlineData("startsWith(UserPrincipalName,'adelev@')")]
    [InlineData("startswith(displayName,'zz') or (startswith(userPrincipalName,'Ad'))")]
    public void TryParse_StartsWith_MatchesPrefixCaseInsensitively(string text)
    {
        var filter = Parse(text);

        filter.Matches(Adele).Should().BeTrue();
        filter.Matches(Alex).Should().BeFalse();
    }

    [Fact]
    public void TryParse_StartsWithEscapedQuote_MatchesApostropheAndCountsAsClause()
    {
        var filter = Parse("startswith(displayName,'Pat O''B') or startswith(surname,'x')");

        filter.Matches(Quote).Should().BeTrue();
        filter.Matches(Adele).Should().BeFalse();
        filter.ClauseCount.Should().Be(2);
    }

    [Fact]
    public void TryParse_StartsWithOnPropertyWithoutValue_MatchesNothing()
    {
        Parse("startswith(givenName,'A') or startswith(mail,'a')").Matches(Adele).Should().BeFalse();
    }

    [Theory]
    [InlineData("id eq 'not-a-guid'")]
    [InlineData("id eq '{87d349ed-44d7-43e1-9a83-5f2406dee5bd}'")]
    [InlineData("id eq ''")]
    [InlineData("id eq 'AdeleV@contoso.com'")]
    public void TryParse_IdThatIsNotAGuid_MatchesNothing(string text)
    {
        var filter = Parse(text);

        filter.Matches(Adele).Should().BeFalse();
    }

    [Fact]
    public void TryParse_FifteenClauses_IsAllowed()
    {
        var values = string.Join(",", Enumerable.Range(1, 10).Select(i => $"'u{i}@contoso.com'"));

        var filter = Parse($"userPrincipalName in ({values}) or id in ('a','b','c','d') or id eq '{DemoTenant.AdeleVanceId}'");

        filter.ClauseCount.Should().Be(15);
        filter.Matches(Adele).Should().BeTrue();
    }

    [Theory]
    [InlineData(16)]
    [InlineData(20)]
    public void TryParse_MoreThanFifteenInValues_RefusedWithGraphMessage(int count)
    {
        var values = string.Join(",", Enumerable.Range(1, count).Select(_ => $"'{Guid.NewGuid()}'"));

        Refused($"id in ({values})").Should().Be(
            $"Too many child clauses specified in search filter expression containing 'OR' operators: {count}. Max allowed: 15.");
    }

    [Fact]
    public void TryParse_SixteenOrOperands_RefusedWithGraphMessage()
    {
        var text = string.Join(" or ", Enumerable.Range(1, 16).Select(i => $"userPrincipalName eq 'u{i}@contoso.com'"));

        Refused(text).Should().Be("Too many child clauses specified in search filter expression containing 'OR' operators: 16. Max allowed: 15.");
    }

    [Theory]
    [InlineData("displayName eq 'Adele Vance'", "The emulator does not support $filter on the property 'displayName' (only 'id' and 'userPrincipalName').")]
    [InlineData("mail in ('a@contoso.com')", "The emulator does not support $filter on the property 'mail' (only 'id' and 'userPrincipalName').")]
    [InlineData("id ne 'x'", "The emulator does not support the 'ne' operator in $filter (only 'eq', 'in', 'startswith' and 'or').")]
    [InlineData("userPrincipalName ge 'a'", "The emulator does not support the 'ge' operator in $filter (only 'eq', 'in', 'startswith' and 'or').")]
    [InlineData("id eq 'a' and id eq 'b'", "The emulator does not support 'and' in $filter (only 'or').")]
    [InlineData("not(id eq 'a')", "The emulator does not support the 'not' operator in $filter (only 'eq', 'in', 'startswith' and 'or').")]
    [InlineData("endswith(userPrincipalName,'adele')", "The emulator does not support the function 'endswith' in $filter.")]
    [InlineData("startswith(jobTitle,'Retail')", "The emulator does not support startswith on the property 'jobTitle' (only 'displayName', 'givenName', 'surname', 'mail' and 'userPrincipalName').")]
    [InlineData("identities/any(c:c/issuer eq 'contoso.com')", "The emulator does not support lambda operators ('any') in $filter.")]
    public void TryParse_UnsupportedButValidLooking_NamesWhatIsUnsupported(string text, string expected)
    {
        Refused(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("", "Invalid filter clause: the filter is empty at position 0.")]
    [InlineData("id EQ 'a'", "Invalid filter clause: 'EQ' is not an operator (OData operators are lower-case) at position 3.")]
    [InlineData("id eq 'a' OR id eq 'b'", "Invalid filter clause: 'OR' is not an operator (OData operators are lower-case) at position 10.")]
    [InlineData("id In ('a')", "Invalid filter clause: 'In' is not an operator (OData operators are lower-case) at position 3.")]
    [InlineData("id = 'a'", "Invalid filter clause: '=' is not an operator at position 3.")]
    [InlineData("id eq 'a", "Invalid filter clause: unterminated string literal at position 6.")]
    [InlineData("id eq a", "Invalid filter clause: expected a quoted string after 'eq' at position 6.")]
    [InlineData("id eq", "Invalid filter clause: expected a quoted string after 'eq' at position 5.")]
    [InlineData("id", "Invalid filter clause: expected an operator after 'id' at position 2.")]
    [InlineData("id in 'a'", "Invalid filter clause: expected '(' after 'in' at position 6.")]
    [InlineData("id in ()", "Invalid filter clause: expected a quoted string in the 'in' list at position 7.")]
    [InlineData("id in ('a' 'b')", "Invalid filter clause: expected ',' or ')' in the 'in' list at position 11.")]
    [InlineData("id in ('a',)", "Invalid filter clause: expected a quoted string in the 'in' list at position 11.")]
    [InlineData("(id eq 'a'", "Invalid filter clause: missing ')' at position 10.")]
    [InlineData("id eq 'a')", "Invalid filter clause: unexpected ')' at position 9.")]
    [InlineData("id eq 'a' 'b'", "Invalid filter clause: unexpected string literal 'b' at position 10.")]
    [InlineData("id eq 'a' or", "Invalid filter clause: expected a property name at position 12.")]
    [InlineData("'a' eq id", "Invalid filter clause: unexpected string literal 'a' at position 0.")]
    public void TryParse_SyntaxError_SaysInvalidFilterClauseAndWhere(string text, string expected)
    {
        Refused(text).Should().Be(expected);
    }
}
