using Cadence.Evaluation;
using Cadence.Evaluation.Placement;
using Cadence.Explanations;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Evaluation.Placement;

public sealed class TemporalSolverTests
{
    private static readonly LocalDate Due = new(2026, 6, 10);
    private static readonly DateTimeZone Ny = DateTimeZoneProviders.Tzdb["America/New_York"];

    private static CompiledPolicy Compile(CadenceStep step, Action<CadencePolicyBuilder>? extra = null)
    {
        var b = CadencePolicy.CreateBuilder("p").WithDefaultZone("America/New_York").AddStep(step).AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0));
        extra?.Invoke(b);
        return new CompiledPolicy(b.Build());
    }

    [Fact]
    public void Place_OutsideTheWindow_MovesToItsOpeningAndSaysWhy()
    {
        var compiled = Compile(CadenceStep.Contact("call", Channel.Call, "c", 1, 30));
        var now = Local("America/New_York", 2026, 6, 15, 22);
        var facts = Support.Facts.Derive(compiled.Policy, Borrower("A", Due, "America/New_York"), now);
        var trace = new List<ExplanationReason>();

        var placement = TemporalSolver.Place(compiled, facts, 0, null, null, trace);

        Assert.Equal(Local("America/New_York", 2026, 6, 16, 8), placement.NotBefore);
        Assert.Equal("window:hours (America/New_York)", Assert.Single(trace).RuleName);
    }

    [Fact]
    public void Place_ACapAndTheWindow_IterateToAFixedPoint()
    {
        var compiled = Compile(CadenceStep.Contact("call", Channel.Call, "c", 1, 30) with { RepeatInterval = Duration.FromMinutes(1) }, b => b.AddCap("one-a-day", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Call)));
        var now = Local("America/New_York", 2026, 6, 15, 10);
        var account = Borrower("A", Due, "America/New_York").WithHistory(new ContactAttempt(now - Duration.FromHours(1), Channel.Call));
        var facts = Support.Facts.Derive(compiled.Policy, account, now);

        // The cap frees up at midnight, the window opens at 08:00.
        Assert.Equal(Local("America/New_York", 2026, 6, 16, 8), TemporalSolver.Place(compiled, facts, 0, null, null, null).NotBefore);
    }

    [Fact]
    public void Place_AfterTheStepWindowEnds_IsDroppedWithTheStepsRule()
    {
        var compiled = Compile(CadenceStep.Contact("call", Channel.Call, "c", 1, 5));
        var now = Local("America/New_York", 2026, 6, 15, 22);
        var facts = Support.Facts.Derive(compiled.Policy, Borrower("A", Due, "America/New_York"), now);

        var placement = TemporalSolver.Place(compiled, facts, 0, null, Local("America/New_York", 2026, 6, 16, 0), null);

        Assert.False(placement.IsPlaced);
        Assert.Equal(ReasonCode.StepWindowEnded, placement.DropReason);
        Assert.Equal("step:call", placement.DropRule);
    }

    [Fact]
    public void Place_ARepeatByCalendarDays_WaitsForTheLocalDayAndThenTheWindow()
    {
        var compiled = Compile(CadenceStep.Contact("call", Channel.Call, "c", 1, 30) with { RepeatCalendarDays = 1 });
        var now = Local("America/New_York", 2026, 6, 15, 12);
        var account = Borrower("A", Due, "America/New_York").WithHistory(new ContactAttempt(now - Duration.FromHours(3), Channel.Call, StepId: "call"));
        var trace = new List<ExplanationReason>();

        var placement = TemporalSolver.Place(compiled, Support.Facts.Derive(compiled.Policy, account, now), 0, null, null, trace);

        Assert.Equal(Local("America/New_York", 2026, 6, 16, 8), placement.NotBefore);
        Assert.Equal(["step:call", "window:hours (America/New_York)"], trace.Select(r => r.RuleName));
        Assert.Equal(Ny.AtStartOfDay(new LocalDate(2026, 6, 16)).ToInstant(), trace[0].Until);
    }
}
