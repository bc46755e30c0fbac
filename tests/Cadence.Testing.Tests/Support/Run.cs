using FsCheck;

namespace Cadence.Testing.Tests.Support;

/// <summary>Runs a property as a test does, and captures the message of a failing one.</summary>
internal static class Run
{
    public static void Passes(Property property, int cases = 100)
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), property);

    /// <summary>The failure message of a property that must fail within <paramref name="cases"/> cases.</summary>
    public static string Fails(Property property, int cases = 200)
        => Assert.ThrowsAny<Exception>(() => Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true), property)).Message;
}
