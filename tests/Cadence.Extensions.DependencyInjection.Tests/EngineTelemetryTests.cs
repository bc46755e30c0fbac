using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NodaTime;

namespace Cadence.Extensions.DependencyInjection.Tests;

/// <summary>The engine's metrics, activities and logs, as a host registered with <c>AddCadence</c> sees them.</summary>
public sealed class EngineTelemetryTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 12, 0);

    private static CadencePolicy Policy(string name) => CadencePolicy.CreateBuilder(name)
        .WithDefaultZone("UTC")
        .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 29))
        .AddHoldRule(new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true })
        .Build();

    private static BorrowerState Account(string id) => new(id)
    {
        DueDate = new LocalDate(2026, 6, 10),
        AmountDue = new Money(99.5m, "USD"),
        ContactPoints = [new ContactPoint(Channel.Sms)],
    };

    /// <summary>3 SMS contacts, 2 suppressed by a dispute, 1 unknown zone, 1 nothing owed.</summary>
    private static List<BorrowerState> Portfolio() =>
    [
        Account("secret-1"), Account("secret-2"), Account("secret-3"),
        Account("secret-4") with { Holds = [new Hold(HoldKind.Dispute, Now - Duration.FromDays(1))] },
        Account("secret-5") with { Holds = [new Hold(HoldKind.Dispute, Now - Duration.FromDays(1))] },
        Account("secret-6") with { TimeZoneIds = ["Not/AZone"] },
        Account("secret-7") with { DueDate = null },
    ];

    private static ServiceProvider Host(string policy, FakeLogCollector? logs = null)
    {
        var services = new ServiceCollection().AddMetrics().AddCadence(Policy(policy), o => o.MinimumPartitionSize = 2);
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs ?? new FakeLogCollector())));
        return services.BuildServiceProvider();
    }

    private static MetricCollector<T> Collector<T>(ServiceProvider host, string instrument)
        where T : struct
        => new(host.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), CadenceTelemetry.MeterName, instrument);

    [Fact]
    public void ABatch_CountsItsDecisionsByKindChannelAndReason()
    {
        using var host = Host("counted");
        using var decisions = Collector<long>(host, CadenceTelemetry.DecisionsInstrument);
        var engine = host.GetRequiredService<ICadenceEngine>();

        engine.EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);

        var counts = decisions.GetMeasurementSnapshot()
            .GroupBy(m => $"{m.Tags[CadenceTelemetry.KindTag]}/{m.Tags[CadenceTelemetry.ChannelTag]}/{m.Tags[CadenceTelemetry.ReasonTag]}")
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(
            new Dictionary<string, long> { ["contact/sms/none"] = 3, ["suppressed/none/dispute"] = 2, ["error/none/InvalidAccount"] = 1, ["none/none/none"] = 1 },
            counts);
        Assert.All(decisions.GetMeasurementSnapshot(), m => Assert.Equal("counted", m.Tags[CadenceTelemetry.PolicyTag]));
    }

    [Fact]
    public void OneEvaluation_IsCountedAndTimed()
    {
        using var host = Host("single");
        using var decisions = Collector<long>(host, CadenceTelemetry.DecisionsInstrument);
        using var duration = Collector<double>(host, CadenceTelemetry.DurationInstrument);

        host.GetRequiredService<ICadenceEngine>().Evaluate(Account("secret-1"), Now);

        var counted = Assert.Single(decisions.GetMeasurementSnapshot());
        Assert.Equal(1, counted.Value);
        Assert.Equal("contact", counted.Tags[CadenceTelemetry.KindTag]);
        var timed = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal("evaluate", timed.Tags[CadenceTelemetry.OperationTag]);
        Assert.InRange(timed.Value, 0, 60);
    }

    [Fact]
    public void ABatch_RecordsItsSizeAndDuration()
    {
        using var host = Host("sized");
        using var size = Collector<long>(host, CadenceTelemetry.BatchSizeInstrument);
        using var duration = Collector<double>(host, CadenceTelemetry.DurationInstrument);

        host.GetRequiredService<ICadenceEngine>().EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);

        Assert.Equal(7, Assert.Single(size.GetMeasurementSnapshot()).Value);
        Assert.Equal("batch", Assert.Single(duration.GetMeasurementSnapshot()).Tags[CadenceTelemetry.OperationTag]);
    }

    [Fact]
    public void NoMeasurementOrTag_CarriesAnAccountIdOrAmount()
    {
        using var host = Host("private");
        using var decisions = Collector<long>(host, CadenceTelemetry.DecisionsInstrument);
        var logs = new FakeLogCollector();
        using var logged = Host("private-logged", logs);

        host.GetRequiredService<ICadenceEngine>().EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);
        logged.GetRequiredService<ICadenceEngine>().EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);

        var published = decisions.GetMeasurementSnapshot().SelectMany(m => m.Tags.Values).Select(v => v?.ToString())
            .Concat(logs.GetSnapshot().Select(l => l.Message));
        Assert.DoesNotContain(published, text => text!.Contains("secret", StringComparison.Ordinal) || text.Contains("99.5", StringComparison.Ordinal));
    }

    [Fact]
    public void ABatch_IsAnActivityTaggedWithItsPolicySizeAndErrors()
    {
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == CadenceTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (activities) { activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var host = Host("traced");

        host.GetRequiredService<ICadenceEngine>().EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);

        Activity batch;
        lock (activities)
        {
            batch = Assert.Single(activities, a => a.GetTagItem(CadenceTelemetry.PolicyTag) as string == "traced");
        }

        Assert.Equal(CadenceTelemetry.BatchActivity, batch.OperationName);
        Assert.Equal(7, batch.GetTagItem("cadence.batch.size"));
        Assert.Equal(1L, batch.GetTagItem("cadence.batch.errors"));
        Assert.Equal(ActivityStatusCode.Error, batch.Status);
    }

    [Fact]
    public void TheEngine_LogsThatItIsReady_AndABatchsErrorsOnce()
    {
        var logs = new FakeLogCollector();
        using var host = Host("logged", logs);

        host.GetRequiredService<ICadenceEngine>().EvaluateBatch(Portfolio(), Now, TestContext.Current.CancellationToken);

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Information && r.Id.Id == 1 && r.Message.Contains("policy 'logged'", StringComparison.Ordinal));
        var error = Assert.Single(records, r => r.Level == LogLevel.Warning);
        Assert.Equal(3, error.Id.Id);
        Assert.Contains("1 of 7 accounts", error.Message, StringComparison.Ordinal);
        Assert.Contains("InvalidAccount", error.Message, StringComparison.Ordinal);
    }
}
