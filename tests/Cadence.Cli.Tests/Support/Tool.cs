using System.Globalization;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Cli.Tests.Support;

/// <summary>Runs the command line in-process, and holds the files a test writes for it.</summary>
internal sealed class Tool : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("cadence-cli-tests-").FullName;

    /// <summary>A sample policy file of <c>examples/policies</c>.</summary>
    public static string Policy(string name) => Path.Combine(AppContext.BaseDirectory, "policies", name);

    /// <summary>Writes a file for the test and returns its path.</summary>
    public string File(string name, string content)
    {
        var path = Path.Combine(directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A path in the test's folder, for a file the command writes.</summary>
    public string PathOf(string name) => Path.Combine(directory, name);

    /// <summary>What <c>--now now</c> reads in these tests.</summary>
    public static Instant ClockNow { get; } = Instant.FromUtc(2026, 3, 9, 14, 30);

    public static Task<CliResult> RunAsync(params string[] args) => RunWithEnvironmentAsync(_ => null, args);

    /// <summary>Runs the command line with <paramref name="environment"/> for its environment variables.</summary>
    public static async Task<CliResult> RunWithEnvironmentAsync(Func<string, string?> environment, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        using var stderr = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var code = await CliApp.RunAsync(args, stdout, stderr, new FakeClock(ClockNow), TestContext.Current.CancellationToken, environment);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}

/// <summary>What a command printed, and its exit code.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Lines(Output);

    public string[] ErrorLines => Lines(Error);

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
