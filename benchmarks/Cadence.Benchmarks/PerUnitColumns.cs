using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Cadence.Benchmarks;

/// <summary>
/// Columns that divide a batch's mean time and allocation by the persons and the accounts in it: the batch of a
/// benchmark with an <c>Accounts</c> parameter holds <see cref="ReferenceWorkload.PersonCount"/> persons.
/// </summary>
public static class PerUnitColumns
{
    private static readonly ConcurrentDictionary<int, int> Persons = new();

    /// <summary>Adds the per-person and per-account columns to the default ones.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(
            new Column("Persons", "Persons in the batch", (_, persons, _) => persons.ToString("N0", CultureInfo.InvariantCulture)),
            new Column("ns/person", "Mean time per person", (report, persons, _) => Time(report, persons)),
            new Column("ns/account", "Mean time per account", (report, _, accounts) => Time(report, accounts)),
            new Column("accounts/s", "Accounts decided per second", (report, _, accounts) => report.ResultStatistics is { } s ? (accounts / (s.Mean / 1e9)).ToString("N0", CultureInfo.InvariantCulture) : "-"),
            new Column("B/person", "Bytes allocated per person", (report, persons, _) => Bytes(report, persons)),
            new Column("B/account", "Bytes allocated per account", (report, _, accounts) => Bytes(report, accounts)));
    }

    private static string Time(BenchmarkReport report, int units)
        => report.ResultStatistics is { } s ? (s.Mean / units).ToString("N1", CultureInfo.InvariantCulture) : "-";

    private static string Bytes(BenchmarkReport report, int units)
        => report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) is { } bytes ? ((double)bytes / units).ToString("N2", CultureInfo.InvariantCulture) : "-";

    private sealed class Column(string name, string legend, Func<BenchmarkReport, int, int, string> value) : IColumn
    {
        public string Id => nameof(PerUnitColumns) + "." + name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => 0;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            if (benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "Accounts")?.Value is not int accounts
                || summary[benchmarkCase] is not { } report)
            {
                return "-";
            }

            return value(report, Persons.GetOrAdd(accounts, n => ReferenceWorkload.PersonCount(n)), accounts);
        }

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
