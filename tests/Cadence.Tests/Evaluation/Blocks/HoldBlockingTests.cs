using Cadence.Evaluation;
using Cadence.Evaluation.Blocks;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Evaluation.Blocks;

public sealed class HoldBlockingTests
{
    private static readonly LocalDate Due = new(2026, 6, 10);
    private static readonly Instant Now = Local("Europe/Moscow", 2026, 6, 15, 12);

    private static CadencePolicy Policy(int? grace) => CadencePolicy.CreateBuilder("holds").WithDefaultZone("UTC")
        .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 30))
        .AddStep(CadenceStep.Contact("letter", Channel.Letter, "t", 1, 30))
        .AddHoldRule(new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Sms], GraceDaysAfterPromisedDate = grace })
        .Build();

    private static BorrowerState Promised(LocalDate date, Instant? until = null)
        => Borrower("A", Due, "Europe/Moscow").WithHolds(new Hold(HoldKind.PromiseToPay, Now - Duration.FromDays(2), until) { PromisedDate = date });

    [Theory]
    [InlineData(null, 18)]
    [InlineData(0, 18)]
    [InlineData(3, 21)]
    public void EffectiveUntil_APromise_LapsesAtTheEndOfItsDayPlusTheGrace(int? grace, int day)
    {
        var policy = Policy(grace);
        var account = Promised(new LocalDate(2026, 6, 17));
        var facts = Support.Facts.Derive(policy, account, Now);

        Assert.Equal(Local("Europe/Moscow", 2026, 6, day, 0), HoldBlocking.EffectiveUntil(facts, policy.HoldRules[0], account.Holds[0]));
    }

    [Fact]
    public void EffectiveUntil_AHoldEndingBeforeItsPromise_EndsWhenItEnds()
    {
        var policy = Policy(null);
        var account = Promised(new LocalDate(2026, 6, 17), Now + Duration.FromHours(1));

        Assert.Equal(Now + Duration.FromHours(1), HoldBlocking.EffectiveUntil(Support.Facts.Derive(policy, account, Now), policy.HoldRules[0], account.Holds[0]));
    }

    [Fact]
    public void EffectiveUntil_AnotherKindOfHoldWithAPromisedDate_LapsesByItOnlyWhenTheRuleGivesGraceDays()
    {
        var dispute = new Hold(HoldKind.Dispute, Now - Duration.FromDays(2)) { PromisedDate = new LocalDate(2026, 6, 17) };
        var facts = Support.Facts.Derive(Policy(null), Borrower("A", Due, "Europe/Moscow").WithHolds(dispute), Now);

        Assert.Null(HoldBlocking.EffectiveUntil(facts, new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true }, dispute));
        Assert.Equal(Local("Europe/Moscow", 2026, 6, 19, 0), HoldBlocking.EffectiveUntil(facts, new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true, GraceDaysAfterPromisedDate = 1 }, dispute));
    }

    [Fact]
    public void BlocksNow_ReadsTheHoldTimesStepTable()
    {
        var compiled = new CompiledPolicy(Policy(null));
        var facts = Support.Facts.Derive(compiled.Policy, Promised(new LocalDate(2026, 6, 17)), Now);

        Assert.True(compiled.HoldBlocks(0, 0));
        Assert.False(compiled.HoldBlocks(0, 1));
        Assert.True(HoldBlocking.BlocksNow(compiled, facts, 0));
        Assert.False(HoldBlocking.BlocksNow(compiled, facts, 1));
        Assert.Equal(Local("Europe/Moscow", 2026, 6, 18, 0), HoldBlocking.Lapse(compiled, facts, 0));
    }

    [Fact]
    public void IsInEffect_AfterThePromiseLapsed_IsFalse()
    {
        var compiled = new CompiledPolicy(Policy(null));
        var facts = Support.Facts.Derive(compiled.Policy, Promised(new LocalDate(2026, 6, 12)), Now);

        Assert.False(HoldBlocking.IsInEffect(compiled, facts, 0, Now));
        Assert.Null(HoldBlocking.Lapse(compiled, facts, 0));
    }
}
