using System.Globalization;
using System.Text.Json;
using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class LedgerAuditCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Audit_AfterAReservation_ShowsTheDecisionWithItsPolicyAndVersions()
    {
        var path = await Ledgers.InitAsync(tool);
        await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);
        var decisionId = await Ledgers.ReserveAsync(path, "PF-004");

        var result = await Tool.RunAsync("ledger", "audit", "PF-004", "--database", path);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("PF-004: 1 decision, ", result.OutputLines[0], StringComparison.Ordinal);
        var decision = Assert.Single(result.OutputLines, l => l.Contains(string.Create(CultureInfo.InvariantCulture, $"  decision {decisionId}  evaluate  policy "), StringComparison.Ordinal));
        Assert.StartsWith("2026-03-09T15:00:00Z", decision, StringComparison.Ordinal);
        Assert.Contains("  tzdb ", decision, StringComparison.Ordinal);
        Assert.Contains("  engine ", decision, StringComparison.Ordinal);
        Assert.Contains(result.OutputLines, l => l.Contains("  attempt  ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_AsJson_PrintsOneObjectALineInTimeOrder()
    {
        var path = await Ledgers.InitAsync(tool);
        await Tool.RunAsync("ledger", "import", "--database", path, "--policy", Tool.Policy(Ledgers.PolicyName), "--accounts", Ledgers.Portfolio);
        var decisionId = await Ledgers.ReserveAsync(path, "PF-004");

        var result = await Tool.RunAsync("ledger", "audit", "PF-004", "--database", path, "--json");

        Assert.Equal(0, result.ExitCode);
        var entries = result.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var decision = Assert.Single(entries, e => e.GetProperty("type").GetString() == "decision");
        Assert.Equal(decisionId, decision.GetProperty("id").GetInt64());
        Assert.Equal("evaluate", decision.GetProperty("operation").GetString());
        Assert.False(decision.GetProperty("erased").GetBoolean());
        Assert.Equal(JsonValueKind.Object, decision.GetProperty("result").ValueKind);
        var instants = entries.Select(e => e.TryGetProperty("now", out var now) ? now.GetString() : e.GetProperty("at").GetString()).ToList();
        Assert.Equal(instants.Order(StringComparer.Ordinal), instants);
    }

    [Fact]
    public async Task Audit_AnUnknownPerson_SaysTheLedgerHoldsNothingAndExitsFour()
    {
        var path = await Ledgers.InitAsync(tool);

        var result = await Tool.RunAsync("ledger", "audit", "NOBODY", "--database", path);

        Assert.Equal(CliApp.NotFound, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(["cadence: the ledger holds nothing about 'NOBODY'"], result.ErrorLines);
    }

    [Fact]
    public async Task Audit_AMissingDatabase_IsAUsageErrorAndExitsTwo()
    {
        var result = await Tool.RunAsync("ledger", "audit", "PF-004", "--database", tool.PathOf("missing.db"));

        Assert.Equal(CliApp.Usage, result.ExitCode);
        Assert.Contains("missing.db", result.Error, StringComparison.Ordinal);
    }
}
