using System.CommandLine;
using Cadence.Json;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence explain</c>: decides for one account and explains it for a person: the decision, the candidates and the
/// rules that decided, and the borrower's local time in each of their zones.
/// </summary>
internal static class ExplainCommand
{
    private static readonly ZonedDateTimePattern LocalTime = ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm '(UTC'o<+HH:mm>')'", null);

    public static Command Create(IClock clock)
    {
        var policy = CliApp.FileOption("--policy", "The policy file.");
        var account = CliApp.FileOption("--account", "The account: a JSON file holding one account, or a JSON Lines file (.jsonl, .ndjson).");
        var id = new Option<string>("--id") { Description = "Which account of the file to explain, by its accountId.", HelpName = "accountId" };
        var now = CliApp.NowOption(clock);
        var command = new Command("explain", "Decides for one account and explains the decision: the candidates, the rules that decided, the borrower's local time.")
        {
            policy, account, id, now,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(policy),
            parsed.GetRequiredValue(account),
            parsed.GetValue(id),
            parsed.GetValue(now),
            parsed.InvocationConfiguration));
        return command;
    }

    private static int Run(FileInfo policyFile, FileInfo accountFile, string? id, Instant now, InvocationConfiguration console)
    {
        var code = CliApp.ReadPolicy(policyFile, console.Error, out var policy);
        if (policy is null)
        {
            return code;
        }

        if (!CliApp.TryRead(accountFile, console.Error, () => ReadAccounts(accountFile), out var records))
        {
            return CliApp.Usage;
        }

        var matches = records.Where(r => id is null || r.Account?.AccountId == id).ToList();
        if (matches.Count != 1)
        {
            console.Error.WriteLine(id is null
                ? $"cadence: {accountFile} holds {records.Count} accounts: choose one with --id"
                : $"cadence: {accountFile} holds {matches.Count} readable accounts with id '{id}'");
            return CliApp.Usage;
        }

        var record = matches[0];
        foreach (var error in record.Errors)
        {
            console.Error.WriteLine($"{accountFile}: {error}");
        }

        if (record.Account is not { } state)
        {
            return CliApp.Invalid;
        }

        var decision = new CadenceEngine(policy).Evaluate(state, now);
        var output = console.Output;
        output.WriteLine(decision.ToString());
        output.Write(decision.Explanation?.ToDisplayString());
        var (label, at) = decision.NotBefore is { } notBefore ? ("not before", notBefore) : ("review at", decision.ReviewAt);
        var zones = state.TimeZoneIds.IsEmpty && policy.DefaultZone is { } defaultZone ? [defaultZone.Id] : state.TimeZoneIds;
        foreach (var zoneId in zones)
        {
            output.WriteLine(policy.ZoneProvider.GetZoneOrNull(zoneId) is { } zone
                ? $"Local time in {zoneId}: now {LocalTime.Format(now.InZone(zone))}{(at is { } a ? $", {label} {LocalTime.Format(a.InZone(zone))}" : string.Empty)}"
                : $"Local time in {zoneId}: unknown time zone");
        }

        return CliApp.Success;
    }

    private static List<AccountReadResult> ReadAccounts(FileInfo file)
    {
        if (file.Extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase) || file.Extension.Equals(".ndjson", StringComparison.OrdinalIgnoreCase))
        {
            return CliApp.ReadAccountLines(file);
        }

        return [AccountJson.Read(File.ReadAllText(file.FullName))];
    }
}
