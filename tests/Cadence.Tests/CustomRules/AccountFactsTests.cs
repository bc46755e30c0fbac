using Cadence.CustomRules;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.CustomRules;

public sealed class AccountFactsTests
{
    private static readonly CadencePolicy Policy = Policies.SeedCadence();

    private static AccountFacts Facts(BorrowerState state, Instant now)
        => Support.Facts.Derive(Policy, state, now);

    [Fact]
    public void DayFromDue_IsCountedInTheFirstZonesLocalDate()
    {
        var account = Borrower("A", new LocalDate(2026, 3, 10), "Pacific/Honolulu", "Asia/Tokyo");

        var facts = Facts(account, At("2026-03-11T05:00:00Z")); // 19:00 on the 10th in Honolulu, the 11th in Tokyo

        Assert.Equal(new LocalDate(2026, 3, 10), facts.Today);
        Assert.Equal(0, facts.DayFromDue);
        Assert.Equal(["Pacific/Honolulu", "Asia/Tokyo"], facts.Zones.Select(z => z.Id));
    }

    [Fact]
    public void History_IsSortedWhateverTheInputOrder()
    {
        var late = new ContactAttempt(At("2026-03-05T10:00:00Z"), Channel.Sms, StepId: "sms-overdue");
        var early = new ContactAttempt(At("2026-03-02T10:00:00Z"), Channel.Sms, StepId: "sms-overdue");

        var facts = Facts(Borrower("A", new LocalDate(2026, 3, 1), "UTC").WithHistory(late, early), At("2026-03-09T10:00:00Z"));

        Assert.Equal([early, late], facts.History);
        Assert.Equal(2, facts.AttemptsOf(Policy.FindStep("sms-overdue")!));
        Assert.Equal(late.At, facts.LastAttemptOf(Policy.FindStep("sms-overdue")!));
    }

    [Fact]
    public void ConsecutiveFailures_StopAtASuccessAndAtTheContactPointsUpdate()
    {
        var now = At("2026-03-09T10:00:00Z");
        var account = Borrower("A", new LocalDate(2026, 3, 1), "UTC").WithHistory(
            new ContactAttempt(now - Duration.FromDays(5), Channel.Sms, Outcome: ContactOutcome.Failed),
            new ContactAttempt(now - Duration.FromDays(4), Channel.Sms, Outcome: ContactOutcome.Delivered),
            new ContactAttempt(now - Duration.FromDays(3), Channel.Sms, Outcome: ContactOutcome.Failed),
            new ContactAttempt(now - Duration.FromDays(2), Channel.Sms, ContactDirection.Inbound, ContactOutcome.Conversation),
            new ContactAttempt(now - Duration.FromDays(1), Channel.Sms, Outcome: ContactOutcome.Bounced));

        Assert.Equal(2, Facts(account, now).ConsecutiveFailures(Channel.Sms, ExhaustionRule.DefaultFailureOutcomes));
        Assert.Equal(1, Facts(account.WithPoint(new ContactPoint(Channel.Sms) { UpdatedAt = now - Duration.FromDays(2) }), now).ConsecutiveFailures(Channel.Sms, ExhaustionRule.DefaultFailureOutcomes));
    }

    [Fact]
    public void Propose_AStepThePolicyDoesNotHave_Throws()
    {
        var facts = Facts(Borrower("A", new LocalDate(2026, 3, 1), "UTC"), At("2026-03-09T10:00:00Z"));

        var ex = Assert.Throws<ArgumentException>(() => facts.Propose("no-such-step", "mine"));

        Assert.StartsWith("Policy 'seed-cadence' has no step 'no-such-step'.", ex.Message, StringComparison.Ordinal);
    }
}
