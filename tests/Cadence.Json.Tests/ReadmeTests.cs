using System.Text.RegularExpressions;
using Cadence.Json.Tests.Support;

namespace Cadence.Json.Tests;

/// <summary>The policy file the README shows loads as shown.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void PolicyFileExample_LoadsWithItsPack()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("### Policy files", StringComparison.Ordinal)..];
        var json = JsonBlock().Match(section).Groups["json"].Value;

        var result = PolicyJson.Read(json);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("acme-lending-us", result.Policy!.Name);
        Assert.Contains(result.Policy.Caps, c => c.Name == "reg-f-7-calls-in-7-days");
    }

    [Fact]
    public void JsonLinesExample_AccountGivesTheDecisionShown()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("### Accounts and decisions as JSON Lines", StringComparison.Ordinal)..];
        var blocks = JsonBlock().Matches(section);
        var engine = new CadenceEngine(PolicyJson.Load(Path.Combine(Repository.Policies, "acme-us.policy.json")), new CadenceEngineOptions { IncludeExplanations = false });

        var account = AccountJson.Read(blocks[0].Groups["json"].Value);
        var decision = engine.Evaluate(account.Account!, NodaTime.Instant.FromUtc(2026, 3, 9, 14, 30));

        Assert.Empty(account.Errors);
        Assert.Equal(blocks[1].Groups["json"].Value, DecisionJson.Write(decision));
    }

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
