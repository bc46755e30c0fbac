using System.CommandLine;
using Cadence.Json;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence evaluate</c>: decides for every account and person of a JSON Lines file, in one batch, and writes one JSON
/// Lines decision per line, in input order; a line that cannot be read is an error decision in its place.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(IClock clock)
    {
        var policy = CliApp.FileOption("--policy", "The policy file.");
        var accounts = CliApp.FileOption("--accounts", "The accounts, JSON Lines: one account or person per line (blank lines are skipped).");
        var now = CliApp.NowOption(clock);
        var explain = new Option<bool>("--explain") { Description = "Adds each decision's explanation: the candidates and the rules that decided." };
        var output = new Option<FileInfo>("--output", "-o") { Description = "Writes the decisions to this file instead of the standard output.", HelpName = "file" };
        var command = new Command("evaluate", "Decides for every account of a JSON Lines file; writes one decision per account, JSON Lines, in order.")
        {
            policy, accounts, now, explain, output,
        };
        command.SetAction((parsed, cancellationToken) => Task.FromResult(Run(
            parsed.GetRequiredValue(policy),
            parsed.GetRequiredValue(accounts),
            parsed.GetValue(now),
            parsed.GetValue(explain),
            parsed.GetValue(output),
            parsed.InvocationConfiguration,
            cancellationToken)));
        return command;
    }

    private static int Run(FileInfo policyFile, FileInfo accountsFile, Instant now, bool explain, FileInfo? outputFile, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var code = CliApp.ReadPolicy(policyFile, console.Error, out var policy);
        if (policy is null)
        {
            return code;
        }

        if (!CliApp.TryRead(accountsFile, console.Error, () => CliApp.ReadRecordLines(accountsFile), out var records))
        {
            return CliApp.Usage;
        }

        var engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = explain, IncludeExplanationsInBatches = explain });
        var accountDecisions = engine.EvaluateBatch([.. records.Where(r => r.Account is not null).Select(r => r.Account!)], now, cancellationToken);
        var personDecisions = engine.EvaluateBatch([.. records.Where(r => r.Person is not null).Select(r => r.Person!)], now, cancellationToken);

        TextWriter writer;
        try
        {
            writer = outputFile is null ? console.Output : new StreamWriter(outputFile.FullName, append: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"cadence: cannot write {outputFile}: {e.Message}");
            return CliApp.Usage;
        }

        try
        {
            var (nextAccount, nextPerson) = (0, 0);
            foreach (var record in records)
            {
                var decision = record.Account is not null ? accountDecisions[nextAccount++]
                    : record.Person is not null ? personDecisions[nextPerson++]
                    : record.ToErrorDecision();
                writer.Write(DecisionJson.Write(decision));
                writer.Write('\n');
            }
        }
        finally
        {
            if (outputFile is not null)
            {
                writer.Dispose();
            }
        }

        return CliApp.Success;
    }
}
