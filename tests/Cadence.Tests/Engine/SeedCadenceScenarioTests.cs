using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Engine;

/// <summary>The seed cadence followed through an account's life, in New York.</summary>
public sealed class SeedCadenceScenarioTests
{
    private const string Ny = "America/New_York";
    private static readonly LocalDate Due = new(2026, 6, 10); // a Wednesday
    private static readonly ICadenceEngine Engine = new BothEvaluators(Policies.SeedCadence());

    private static Instant Day(int dayFromDue, int hour = 10) => Local(Ny, 2026, 6, 10, hour).Plus(Duration.FromDays(dayFromDue));

    private static BorrowerState Account(bool autopay = false) => Borrower("seed", Due, Ny) with { Autopay = autopay };

    [Fact]
    public void AWeekBeforeTheDueDate_SendsThePreDueEmail()
    {
        var d = Engine.Evaluate(Account(), Day(-7));

        Assert.Equal(("email-pre-due", Channel.Email, Day(-7)), (d.Step!.Id, d.Channel!.Value, d.NotBefore!.Value));
    }

    [Fact]
    public void PreDueEmailMissedOnItsDay_IsSentLaterInItsWindow()
    {
        Assert.Equal("email-pre-due", Engine.Evaluate(Account(), Day(-4)).Step!.Id);
    }

    [Fact]
    public void TwoDaysBefore_SmsThenCallAreDue_SmsFirstByPriority()
    {
        var first = Engine.Evaluate(Account(), Day(-2));
        var afterSms = Engine.Evaluate(Account().WithHistory(new ContactAttempt(Day(-2), Channel.Sms, Outcome: ContactOutcome.Delivered, StepId: "sms-pre-due")), Day(-2, 11));

        Assert.Equal("sms-pre-due", first.Step!.Id);
        Assert.Equal("call-pre-due", afterSms.Step!.Id);
    }

    [Fact]
    public void DayBeforeForAnAutopayCustomer_SendsTheFundYourAccountReminderOnly()
    {
        var d = Engine.Evaluate(Account(autopay: true), Day(-1));

        Assert.Equal("autopay-reminder", d.Step!.Id);
        Assert.DoesNotContain(d.Explanation!.Candidates, c => c.StepId == "sms-pre-due");
    }

    [Fact]
    public void DayAfterTheDueDate_SendsTheOverdueSms()
    {
        Assert.Equal("sms-overdue", Engine.Evaluate(Account(), Day(1)).Step!.Id);
    }

    [Fact]
    public void OverdueSms_RepeatsEveryThreeDays()
    {
        var account = Account().WithHistory(new ContactAttempt(Day(1), Channel.Sms, StepId: "sms-overdue"));

        var d = Engine.Evaluate(account, Day(2));

        Assert.Equal("sms-overdue", d.Step!.Id);
        Assert.Equal(Day(4), d.NotBefore);
    }

    [Fact]
    public void AWeekOverdue_TheLetterOutranksTheCalls()
    {
        Assert.Equal("letter-overdue", Engine.Evaluate(Account(), Day(7)).Step!.Id);
    }

    [Fact]
    public void FifteenDaysOverdue_OffersRestructuringAboveTheThreshold()
    {
        var served = Account().WithHistory(new ContactAttempt(Day(7), Channel.Letter, StepId: "letter-overdue"));

        Assert.Equal("offer-restructuring", Engine.Evaluate(served, Day(15)).Step!.Id);
        Assert.NotEqual("offer-restructuring", Engine.Evaluate(served with { AmountDue = new Money(50m, "USD") }, Day(15)).Step!.Id);
    }

    [Fact]
    public void ThirtyDaysOverdue_RefersToDebtAdvice()
    {
        Assert.Equal("debt-advice-referral", Engine.Evaluate(Account(), Day(30)).Step!.Id);
    }

    [Fact]
    public void SixtyDaysOverdue_EscalatesToTheCreditBureau()
    {
        var d = Engine.Evaluate(Account(), Day(60));

        Assert.Equal(DecisionKind.Escalate, d.Kind);
        Assert.Equal("credit-bureau-notice", d.Step!.EscalationKind);
    }

    [Fact]
    public void NinetyDaysOverdue_PlacesWithAnAgency()
    {
        var d = Engine.Evaluate(Account(), Day(90));

        Assert.Equal(DecisionKind.Escalate, d.Kind);
        Assert.Equal("agency-placement", d.Step!.Id);
    }

    [Fact]
    public void DisputedAccount_GetsOnlyLetters_AndWaitsForTheNextOne()
    {
        var disputed = Account().WithHolds(new Hold(HoldKind.Dispute, Day(3)));
        var afterLetter = Engine.Evaluate(disputed.WithHistory(new ContactAttempt(Day(7), Channel.Letter, StepId: "letter-overdue")), Day(8));

        Assert.Equal("letter-overdue", Engine.Evaluate(disputed, Day(8)).Step!.Id);
        Assert.Equal(DecisionKind.Wait, afterLetter.Kind);
        Assert.Equal(Local(Ny, 2026, 7, 10, 0), afterLetter.ReviewAt); // D+30: the debt-advice letter, which a dispute does not block
        Assert.Equal("debt-advice-referral", Engine.Evaluate(disputed, Day(30)).Step!.Id);
    }

    [Fact]
    public void PromiseToPay_PausesCallsAndTexts_ButNotTheLetterThatOpensMeanwhile()
    {
        var promised = Account().WithHolds(new Hold(HoldKind.PromiseToPay, Day(4)) { PromisedDate = Due.PlusDays(12) });

        var d = Engine.Evaluate(promised.WithHistory(new ContactAttempt(Day(1), Channel.Sms, StepId: "sms-overdue")), Day(5));

        Assert.Equal(DecisionKind.Wait, d.Kind);
        Assert.Equal(Local(Ny, 2026, 6, 17, 0), d.ReviewAt); // D+7, when the letter's window opens
        Assert.Equal("letter-overdue", Engine.Evaluate(promised, Day(7)).Step!.Id);
    }

    [Fact]
    public void WorkplaceEmail_IsNeverUsed()
    {
        var d = Engine.Evaluate(Account().WithPoint(new ContactPoint(Channel.Email) { IsWorkplace = true }), Day(-7));

        Assert.NotEqual(DecisionKind.Contact, d.Kind);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.WorkplaceRestricted);
    }

    [Fact]
    public void LateEvening_DefersToTheNextMorning()
    {
        var d = Engine.Evaluate(Account(), Day(1, hour: 22));

        Assert.Equal(Day(2, hour: 8), d.NotBefore);
    }
}
