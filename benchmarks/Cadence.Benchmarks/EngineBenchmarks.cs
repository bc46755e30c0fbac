using BenchmarkDotNet.Attributes;
using NodaTime;

namespace Cadence.Benchmarks;

/// <summary>
/// The NRules evaluator on a small seeded portfolio: one account at a time (a session per call, pooled) against the
/// partitioned batch. The full reference workload and its contestants live beside it as they are built.
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly string[] Zones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/Moscow", "Europe/London"];
    private CadenceEngine engine = null!;
    private BorrowerState[] accounts = [];
    private Instant now;

    [Params(1_000)]
    public int Accounts { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        now = Instant.FromUtc(2026, 3, 9, 15, 30);
        var policy = CadencePolicy.CreateBuilder("bench")
            .WithDefaultZone("America/New_York")
            .AddStep(CadenceStep.Contact("email-pre-due", Channel.Email, "pre-due", -7, -3) with { Priority = 10 })
            .AddStep(CadenceStep.Contact("sms-overdue", Channel.Sms, "overdue-sms", 1, 29) with { Priority = 30, RepeatInterval = Duration.FromDays(3) })
            .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 3, 59) with { Priority = 40, RepeatInterval = Duration.FromDays(1) })
            .AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365) with { Priority = 80 })
            .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
            .AddCap("7-in-7", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call))
            .AddCooldown("after-conversation", AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation), CooldownLength.CalendarDays(7), Channel.Call)
            .Build();
        engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = false });

        // A fixed linear congruential sequence keeps the portfolio identical in every run.
        var state = 12345u;
        int Next(int max) => (int)((state = (state * 1664525u) + 1013904223u) >> 8) % max;
        accounts = [.. Enumerable.Range(0, Accounts).Select(i => new BorrowerState($"B-{i}")
        {
            TimeZoneIds = [Zones[Next(Zones.Length)]],
            DueDate = new LocalDate(2026, 3, 9).PlusDays(10 - Next(130)),
            ContactPoints = [new ContactPoint(Channel.Email), new ContactPoint(Channel.Sms), new ContactPoint(Channel.Call)],
            History = [.. Enumerable.Range(0, Next(40)).Select(_ => new ContactAttempt(
                now - Duration.FromMinutes(Next(45 * 24 * 60)),
                (Channel)(1 + Next(3)),
                ContactDirection.Outbound,
                (ContactOutcome)Next(9)))],
        })];
    }

    [Benchmark(Baseline = true)]
    public int OneAtATime()
    {
        var contacts = 0;
        foreach (var account in accounts)
        {
            contacts += engine.Evaluate(account, now).Kind == DecisionKind.Contact ? 1 : 0;
        }

        return contacts;
    }

    [Benchmark]
    public int Batch() => engine.EvaluateBatch(accounts, now).Count(d => d.Kind == DecisionKind.Contact);
}
