using System.CommandLine;
using System.Globalization;

namespace Cadence.Cli;

/// <summary><c>cadence validate &lt;policy.json&gt;</c>: reads a policy file and reports every problem in it.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("policy") { Description = "The policy file.", HelpName = "policy.json" }.AcceptExistingOnly();
        var command = new Command("validate", "Checks a policy file: prints 'ok' and what it holds, or every problem with its line and JSON path.") { file };
        command.SetAction(parsed =>
        {
            var code = CliApp.ReadPolicy(parsed.GetRequiredValue(file), parsed.InvocationConfiguration.Error, out var policy);
            if (policy is not null)
            {
                parsed.InvocationConfiguration.Output.WriteLine(Summary(policy));
            }

            return code;
        });
        return command;
    }

    private static string Summary(CadencePolicy policy)
    {
        var parts = new[]
        {
            Count(policy.Steps.Length, "step"),
            Count(policy.Windows.Length, "window"),
            Count(policy.Caps.Length, "cap"),
            Count(policy.Cooldowns.Length, "cooldown"),
            Count(policy.ExhaustionRules.Length, "exhaustion rule"),
            Count(policy.HoldRules.Length, "hold rule"),
        };
        return $"ok: {policy.Name} ({string.Join(", ", parts)})";

        static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
    }
}
