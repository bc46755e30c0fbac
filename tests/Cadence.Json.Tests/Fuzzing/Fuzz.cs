using System.Globalization;
using FsCheck;

namespace Cadence.Json.Tests.Fuzzing;

/// <summary>
/// How many corruptions each fuzzing property tries, and from which seed: 200 from seed 20260309 by default (in CI),
/// <c>CADENCE_FUZZ_CASES</c> and <c>CADENCE_FUZZ_SEED</c> to try more or others (see docs/testing.md).
/// </summary>
internal static class Fuzz
{
    /// <summary>The seed every property starts from unless <c>CADENCE_FUZZ_SEED</c> names another.</summary>
    public const ulong DefaultSeed = 20260309;

    /// <summary>The cases each property tries unless <c>CADENCE_FUZZ_CASES</c> says otherwise.</summary>
    public const int DefaultCases = 200;

    /// <summary>
    /// How long a property may run with the default cases before it fails (milliseconds): a bound that catches a hang,
    /// far above the time the cases take (under a minute even on a busy machine), never a measure of speed.
    /// </summary>
    public const int TimeoutMs = 300_000;

    public static int Cases => Number("CADENCE_FUZZ_CASES") is { } n and > 0 ? (int)n : DefaultCases;

    public static ulong Seed => Number("CADENCE_FUZZ_SEED") ?? DefaultSeed;

    /// <summary>Fails on the first counterexample, which it prints with the seed to replay it.</summary>
    public static Config Config => Config.QuickThrowOnFailure
        .WithMaxTest(Cases)
        .WithQuietOnSuccess(true)
        .WithReplay(new Replay(new Rnd(Seed), null));

    /// <summary>The time bound of a property: five minutes per 200 cases.</summary>
    public static TimeSpan Budget => TimeSpan.FromMilliseconds(TimeoutMs * Math.Max(1.0, Cases / (double)DefaultCases));

    /// <summary>Runs a property's check off the test's thread, failing it when it outlasts <see cref="Budget"/>.</summary>
    public static Task RunAsync(Action check)
        => Task.Run(check, TestContext.Current.CancellationToken).WaitAsync(Budget, TestContext.Current.CancellationToken);

    private static ulong? Number(string variable)
        => ulong.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
