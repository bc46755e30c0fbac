using System.CommandLine;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence explain</c>: decides for one account or person and explains it for a reader: the decision, the candidates
/// and the rules that decided, and the borrower's local time in each of their zones.
/// </summary>
internal static class ExplainCommand
{
    private static readonly ZonedDateTimePattern LocalTime = ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm '(UTC'o<+HH:mm>')'", null);

    public static Command Create(IClock clock)
    {
        var policy = CliApp.FileOption("--policy", "The policy file.");
        var account = CliApp.FileOption("--account", "The account: a JSON file holding one account or person, or a JSON Lines file (.jsonl, .ndjson).");
        var id = new Option<string>("--id") { Description = "Which account or person of the file to explain, by its accountId or personId.", HelpName = "id" };
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

        code = CliApp.ReadOneRecord(accountFile, id, console.Error, out var record);
        if (record is null)
        {
            return code;
        }

        var decision = record.Evaluate(new CadenceEngine(policy), now);
        var timeZoneIds = record.Account?.TimeZoneIds ?? record.Person!.TimeZoneIds;
        var output = console.Output;
        output.WriteLine(decision.ToString());
        output.Write(decision.Explanation?.ToDisplayString());
        var (label, at) = decision.NotBefore is { } notBefore ? ("not before", notBefore) : ("review at", decision.ReviewAt);
        var zones = timeZoneIds.IsEmpty && policy.DefaultZone is { } defaultZone ? [defaultZone.Id] : timeZoneIds;
        foreach (var zoneId in zones)
        {
            output.WriteLine(policy.ZoneProvider.GetZoneOrNull(zoneId) is { } zone
                ? $"Local time in {zoneId}: now {LocalTime.Format(now.InZone(zone))}{(at is { } a ? $", {label} {LocalTime.Format(a.InZone(zone))}" : string.Empty)}"
                : $"Local time in {zoneId}: unknown time zone");
        }

        return CliApp.Success;
    }
}
