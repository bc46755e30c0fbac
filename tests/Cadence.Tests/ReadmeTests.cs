using NodaTime;

namespace Cadence.Tests;

/// <summary>The README's quick start, as written there, and what it says it prints.</summary>
public sealed class ReadmeTests
{
    [Fact]
    public void QuickStart_PrintsWhatTheReadmeSays()
    {
        var policy = CadencePolicy.CreateBuilder("acme")
            .WithDefaultZone("America/New_York")
            .AddStep(CadenceStep.Contact("email-pre-due", Channel.Email, "pre-due-reminder", -7, -3))
            .AddStep(CadenceStep.Contact("sms-overdue", Channel.Sms, "overdue-sms", 1, 29) with { RepeatInterval = Duration.FromDays(3) })
            .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
            .AddCap("7-calls-in-7-days", 7, CapPeriod.SlidingDays(7), AttemptFilter.Outbound(Channel.Call))
            .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
            .Build();

        var engine = new CadenceEngine(policy);
        var account = new BorrowerState("A-1001")
        {
            TimeZoneIds = ["America/New_York", "America/Los_Angeles"],
            DueDate = new LocalDate(2026, 3, 1),
            ContactPoints = [new ContactPoint(Channel.Sms), new ContactPoint(Channel.Email)],
        };

        var decision = engine.Evaluate(account, Instant.FromUtc(2026, 3, 9, 13, 0));

        Assert.Equal("A-1001: Contact sms-overdue via Sms template 'overdue-sms' not before 2026-03-09T15:00:00Z", decision.ToString());
        Assert.Contains("OutsideContactWindow by window:hours (America/Los_Angeles) until 2026-03-09T15:00:00Z", decision.Explanation!.ToDisplayString(), StringComparison.Ordinal);
    }
}
