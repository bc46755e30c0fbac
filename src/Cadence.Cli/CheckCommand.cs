using System.Collections.Immutable;
using System.CommandLine;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence check</c>: "may I make this contact now?" for one person (or account) of a file: checks a proposed contact
/// against every block, window, cooldown and cap at every scope it touches, and prints whether it is allowed or the
/// earliest instant it would be, with the rules that decided.
/// </summary>
internal static class CheckCommand
{
    private static readonly ImmutableDictionary<string, Channel> Channels =
        Enum.GetValues<Channel>().Where(c => c != Channel.None).ToImmutableDictionary(c => c.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    public static Command Create(IClock clock)
    {
        var policy = CliApp.FileOption("--policy", "The policy file.");
        var accounts = CliApp.FileOption("--accounts", "The persons and accounts: a JSON file holding one, or a JSON Lines file (.jsonl, .ndjson).");
        var id = new Option<string>("--id") { Description = "Which person or account of the file, by its personId or accountId.", HelpName = "id" };
        var channel = new Option<Channel>("--channel")
        {
            Description = "The channel of the proposed contact: " + string.Join(", ", Channels.OrderBy(c => c.Value).Select(c => c.Key)) + ".",
            HelpName = "channel",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (Channels.TryGetValue(text, out var value))
                {
                    return value;
                }

                result.AddError($"--channel: '{text}' is not one of {string.Join(", ", Channels.OrderBy(c => c.Value).Select(c => c.Key))}");
                return Channel.None;
            },
        };
        var point = new Option<string>("--point") { Description = "The contact point it would use, by its id; needed when the person has several points on the channel.", HelpName = "id" };
        var account = new Option<string[]>("--account") { Description = "An account it would be about; repeat for several. Every account of the person when left out.", HelpName = "accountId", AllowMultipleArgumentsPerToken = false };
        var step = new Option<string>("--step") { Description = "The policy step it would serve, if any: that step's hold rules and repeat interval apply too.", HelpName = "stepId" };
        var now = CliApp.NowOption(clock);
        var command = new Command("check", "Checks a proposed contact with one person: prints 'allowed', or the earliest instant it would be and the rules that decided.")
        {
            policy, accounts, id, channel, point, account, step, now,
        };
        command.SetAction(parsed => Run(
            parsed.GetRequiredValue(policy),
            parsed.GetRequiredValue(accounts),
            parsed.GetValue(id),
            new ProposedContact(parsed.GetValue(channel), parsed.GetValue(point)) { AccountIds = [.. parsed.GetValue(account) ?? []], StepId = parsed.GetValue(step) },
            parsed.GetValue(now),
            parsed.InvocationConfiguration));
        return command;
    }

    private static int Run(FileInfo policyFile, FileInfo accountsFile, string? id, ProposedContact contact, Instant now, InvocationConfiguration console)
    {
        var code = CliApp.ReadPolicy(policyFile, console.Error, out var policy);
        if (policy is null)
        {
            return code;
        }

        code = CliApp.ReadOneRecord(accountsFile, id, console.Error, out var record);
        if (record is null)
        {
            return code;
        }

        var check = new CadenceEngine(policy).Check(record.ToPerson()!, contact, now);
        var output = console.Output;
        output.WriteLine($"{record.Id}: {check}");
        foreach (var reason in check.Reasons)
        {
            output.WriteLine($"  {reason}");
        }

        return check.Allowed ? CliApp.Success : CliApp.NotAllowed;
    }
}
