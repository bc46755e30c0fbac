using System.Text.Json;
using Cadence.Cli.Tests.Support;
using Cadence.Json;
using Cadence.Json.Tests.Fuzzing;
using FsCheck;
using FsCheck.Fluent;

namespace Cadence.Cli.Tests.Fuzzing;

/// <summary>
/// The real entry point, <see cref="CliApp.RunAsync"/>, over generated corruptions of the sample files and policies
/// (<see cref="Corruptions"/>): <c>cadence evaluate</c> answers one decision per non-blank line, in order, the untouched
/// lines exactly as in the clean file; <c>cadence validate</c> reports a corrupted policy's problems with their line and
/// path. Nothing throws, and the exit codes are the documented ones.
/// </summary>
public sealed class CliFuzzProperties : IDisposable
{
    private const string Now = "2026-03-09T14:30:00Z";

    private static readonly string[] PolicyFiles = [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "policies"), "*.policy.json").Order(StringComparer.Ordinal)];

    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    /// <remarks>
    /// "Never a contact for a corrupted account", stated precisely: a line that is no longer a readable record gets
    /// the error decision <c>line N</c>, so no contact and no escalation. A corrupted line that still reads as a valid
    /// record (a letter of its id flipped, its history cut after a whole attempt) is simply another account: it is
    /// decided as any account is, under the id it now has.
    /// </remarks>
    [Fact]
    public async Task Evaluate_AnswersEveryNonBlankLineOfACorruptedFileInOrder_TheUntouchedOnesAsInTheCleanFile()
    {
        var accounts = tool.PathOf("accounts.jsonl");
        await File.WriteAllBytesAsync(accounts, Corruptions.Join(Corruptions.SampleLines, finalLineFeed: true), TestContext.Current.CancellationToken);
        var clean = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now);
        Assert.Equal(0, clean.ExitCode);
        Assert.Equal(Corruptions.SampleLines.Length, clean.OutputLines.Length);

        await Fuzz.RunAsync(() => Check.One(Fuzz.Config, Prop.ForAll(Corruptions.Cases(Corruptions.SampleLines.Length).ToArbitrary(), c =>
        {
            var file = Corruptions.Apply(Corruptions.SampleLines, c);
            File.WriteAllBytes(accounts, file.Bytes);
            var run = Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now).GetAwaiter().GetResult();
            if (file.RefusedAs is { } encoding)
            {
                Assert.Equal(CliApp.Usage, run.ExitCode);
                Assert.Empty(run.Output);
                Assert.Contains($"cannot read {accounts}: the input is {encoding}, not UTF-8", run.Error, StringComparison.Ordinal);
                return;
            }

            Assert.True(run.ExitCode == CliApp.Success, run.Error);
            var expected = file.NonBlankLines.ToList();
            var output = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(expected.Count, output.Length);
            foreach (var ((number, line), decision) in expected.Zip(output))
            {
                if (line.Clean is { } index)
                {
                    Assert.Equal(clean.OutputLines[index], decision);
                    continue;
                }

                using var json = JsonDocument.Parse(decision);
                var id = json.RootElement.GetProperty("accountId").GetString();
                var kind = json.RootElement.GetProperty("kind").GetString();
                var read = PersonJson.Read(line.Bytes, number);
                Assert.True(read.Success ? id == read.Id : id == $"line {number}" && kind == "error", $"line {number}: {decision}");
            }
        })));
    }

    [Fact]
    public Task Validate_ReportsEveryProblemOfACorruptedPolicyWithItsLineOrPath()
    {
        // The holiday calendar the Russian policy names, beside the corrupted files.
        var holidays = Path.Combine(AppContext.BaseDirectory, "policies", "ru-2026.holidays.json");
        tool.File("ru-2026.holidays.json", File.ReadAllText(holidays));
        var cases = from policy in Gen.Elements(PolicyFiles)
                    from c in Corruptions.Cases(1)
                    select (Policy: Path.GetFileName(policy), Case: c);
        return Fuzz.RunAsync(() => Check.One(Fuzz.Config, Prop.ForAll(cases.ToArbitrary(), x =>
        {
            var bytes = Corruptions.Apply([File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "policies", x.Policy))], x.Case).Bytes;
            var path = tool.PathOf(x.Policy);
            File.WriteAllBytes(path, bytes);

            var read = PolicyJson.Read(bytes, new PolicyJsonOptions { BaseDirectory = Path.GetDirectoryName(path) });
            Assert.Equal(read.Success, read.Errors.IsEmpty);
            Assert.All(read.Errors, e => Assert.False(string.IsNullOrEmpty(e.Path), e.ToString()));

            var run = Tool.RunAsync("validate", path).GetAwaiter().GetResult();
            switch (run.ExitCode)
            {
                case CliApp.Success:
                    Assert.True(read.Success);
                    Assert.StartsWith("ok: ", run.Output, StringComparison.Ordinal);
                    break;
                case CliApp.Invalid:
                    Assert.False(read.Success);
                    Assert.NotEmpty(run.ErrorLines);
                    Assert.All(run.ErrorLines, l => Assert.StartsWith($"{path}: ", l, StringComparison.Ordinal));
                    break;
                default:
                    Assert.Equal(CliApp.Usage, run.ExitCode);
                    Assert.NotEmpty(run.ErrorLines);
                    break;
            }
        })));
    }
}
