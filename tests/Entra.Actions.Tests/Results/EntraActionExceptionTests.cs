namespace Entra.Actions.Tests.Results;

public class EntraActionExceptionTests
{
    private static readonly EntraActionError Forbidden = new(EntraErrorKind.Forbidden, "Adding user 'u' to group 'g' was refused.")
    {
        StatusCode = 403,
        GraphErrorCode = "Authorization_RequestDenied",
    };

    [Fact]
    public void Constructor_Error_CarriesTheErrorAndItsMessage()
    {
        var exception = new EntraActionException(Forbidden);

        exception.Error.Should().BeSameAs(Forbidden);
        exception.Message.Should().Be(Forbidden.ToString());
        exception.InnerException.Should().BeNull();
    }

    [Fact]
    public void Constructor_ErrorAndCause_CarriesBoth()
    {
        var cause = new InvalidOperationException("the cause");

        var exception = new EntraActionException(Forbidden, cause);

        exception.Error.Should().BeSameAs(Forbidden);
        exception.InnerException.Should().BeSameAs(cause);
    }

    [Fact]
    public void Constructor_NullError_Throws()
    {
        ((Action)(() => _ = new EntraActionException(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => _ = new EntraActionException(null!, new InvalidOperationException()))).Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Type_HasOnlyErrorCarryingConstructors()
    {
        typeof(EntraActionException).GetConstructors()
            .Should().OnlyContain(c => c.GetParameters().Length > 0 && c.GetParameters()[0].ParameterType == typeof(EntraActionError));
    }

    [Fact]
    public void GetValueOrThrow_Failure_ThrowsWithTheActionsOwnError()
    {
        var result = EntraActionResult.Failure<EntraUser>(Forbidden);

        var get = () => result.GetValueOrThrow();
        var ensure = () => result.EnsureSuccess();

        get.Should().Throw<EntraActionException>().Which.Error.Should().BeSameAs(Forbidden);
        ensure.Should().Throw<EntraActionException>().Which.Error.Kind.Should().Be(EntraErrorKind.Forbidden);
    }
}
