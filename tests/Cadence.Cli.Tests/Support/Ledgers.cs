using Cadence.Json;
using Cadence.Ledger;
using Cadence.Ledger.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Cli.Tests.Support;

/// <summary>Ledger databases for the <c>cadence ledger</c> tests: created with <c>ledger init</c>, written to through the library.</summary>
internal static class Ledgers
{
    public const string PolicyName = "acme-us.policy.json";

    /// <summary>The sample portfolio (copied to the test output).</summary>
    public static string Portfolio => Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl");

    /// <summary>When the tests reserve.</summary>
    public static Instant Now { get; } = Instant.FromUtc(2026, 3, 9, 15, 0);

    /// <summary>Creates a ledger database with <c>cadence ledger init</c> and returns its path.</summary>
    public static async Task<string> InitAsync(Tool tool)
    {
        var path = tool.PathOf("ledger.db");
        var result = await Tool.RunAsync("ledger", "init", "--database", path);
        Assert.Equal(0, result.ExitCode);
        return path;
    }

    /// <summary>The store on a database file, without connection pooling so that the test's folder can be deleted.</summary>
    public static SqliteLedgerStore Store(string path)
        => new(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());

    /// <summary>A person of the sample portfolio, by account id.</summary>
    public static Person Person(string accountId)
    {
        using var stream = File.OpenRead(Portfolio);
        return PersonJson.ReadLines(stream).Single(r => r.Id == accountId).ToPerson()!;
    }

    /// <summary>Reserves for a person of the sample portfolio through <see cref="ContactLedger"/>: returns the decision's id.</summary>
    public static async Task<long> ReserveAsync(string path, string accountId)
    {
        var ledger = new ContactLedger(Store(path), LedgerPolicy.FromFile(Tool.Policy(PolicyName)));
        var result = await ledger.ReserveAsync(Person(accountId), Now, "job-" + accountId, TestContext.Current.CancellationToken);
        return result.DecisionId;
    }
}
