namespace Entra.Actions.Tests.TestSupport;

/// <summary>Polls a condition that background work makes true (up to 5 s), for tests on a real clock.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> holds or 5 s have passed.</summary>
    /// <returns>Whether it holds.</returns>
    public static async Task<bool> UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        return condition();
    }
}
