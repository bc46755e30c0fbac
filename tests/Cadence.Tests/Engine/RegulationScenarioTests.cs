using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Engine;

/// <summary>Regulation-F-like and 230-FZ-like figures, each checked on a calendar.</summary>
public sealed class RegulationScenarioTests
{
    private static ICadenceEngine WithPack(CadencePolicy pack, CadenceStep step)
        => new BothEvaluators(CadencePolicy.Compose("lender+pack", CadencePolicy.CreateBuilder("lender").AddStep(step).Build(), pack));

    private static CadenceStep Calls => CadenceStep.Contact("calls", Channel.Call, "call", 1, 60) with { RepeatInterval = Duration.FromMinutes(30) };

    private static CadenceStep Texts => CadenceStep.Contact("texts", Channel.Sms, "sms", 1, 60) with { RepeatInterval = Duration.FromMinutes(30) };

    // ---- Regulation F: 7 calls in 7 consecutive days; 7 days after a conversation; 08:00–21:00.

    [Fact]
    public void RegulationF_EighthCallInSevenDays_IsDeferredToTheEighthLocalDay()
    {
        const string ny = "America/New_York";
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("reg-f", new LocalDate(2026, 6, 1), ny)
            .WithHistory([.. Enumerable.Range(0, 7).Select(i => new ContactAttempt(Local(ny, 2026, 6, 8 + i, 10), Channel.Call, Outcome: ContactOutcome.NoAnswer))]);

        var d = engine.Evaluate(account, Local(ny, 2026, 6, 14, 15)); // Sunday, day 7

        Assert.Equal(Local(ny, 2026, 6, 15, 8), d.NotBefore); // Monday, day 8, at the window's start
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.RuleName == "cap:reg-f-7-calls-in-7-days");
    }

    [Fact]
    public void RegulationF_CallsTheBorrowerMade_DoNotCountTowardsSeven()
    {
        const string ny = "America/New_York";
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("reg-f", new LocalDate(2026, 6, 1), ny)
            .WithHistory([.. Enumerable.Range(0, 7).Select(i => new ContactAttempt(Local(ny, 2026, 6, 8 + i, 10), Channel.Call, ContactDirection.Inbound, ContactOutcome.NoAnswer))]);

        var now = Local(ny, 2026, 6, 14, 15);

        Assert.Equal(now, engine.Evaluate(account, now).NotBefore);
    }

    [Fact]
    public void RegulationF_ConversationOnMonday_BlocksCallsUntilTheFollowingMondaysWindow()
    {
        const string ny = "America/New_York";
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("reg-f", new LocalDate(2026, 6, 1), ny)
            .WithHistory(new ContactAttempt(Local(ny, 2026, 6, 8, 10), Channel.Call, Outcome: ContactOutcome.Conversation));

        var d = engine.Evaluate(account, Local(ny, 2026, 6, 8, 12));

        Assert.Equal(Local(ny, 2026, 6, 15, 8), d.NotBefore);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.Code == ReasonCode.Cooldown && r.RuleName == "cooldown:reg-f-7-days-after-conversation");
    }

    [Fact]
    public void RegulationF_InboundConversation_StartsTheBlockToo()
    {
        const string ny = "America/New_York";
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("reg-f", new LocalDate(2026, 6, 1), ny)
            .WithHistory(new ContactAttempt(Local(ny, 2026, 6, 10, 16), Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation));

        Assert.Equal(Local(ny, 2026, 6, 17, 8), engine.Evaluate(account, Local(ny, 2026, 6, 11, 9)).NotBefore);
    }

    [Fact]
    public void RegulationF_AddressInNewYorkAndPhoneInLosAngeles_CallsOnlyFromElevenToNineNewYorkTime()
    {
        const string ny = "America/New_York";
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("two-zones", new LocalDate(2026, 6, 1), ny, "America/Los_Angeles");

        var morning = engine.Evaluate(account, Local(ny, 2026, 6, 9, 9));
        var evening = engine.Evaluate(account, Local(ny, 2026, 6, 9, 21, 30));

        Assert.Equal(Local(ny, 2026, 6, 9, 11), morning.NotBefore);
        Assert.Equal(Local(ny, 2026, 6, 10, 11), evening.NotBefore);
        Assert.Contains(morning.Explanation!.Candidates.Single().Reasons, r => r.RuleName == "window:reg-f-hours (America/Los_Angeles)");
    }

    [Fact]
    public void RegulationF_CeaseCommunication_SuppressesEverything()
    {
        var engine = WithPack(Policies.RegulationFLike(), Calls);
        var account = Borrower("cease", new LocalDate(2026, 6, 1), "America/Chicago").WithHolds(new Hold(HoldKind.CeaseCommunication, At("2026-06-02T00:00:00Z")));

        var d = engine.Evaluate(account, At("2026-06-09T15:00:00Z"));

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(HoldKind.CeaseCommunication, d.SuppressedBy);
    }

    // ---- 230-FZ: weekdays 08–22, weekends and holidays 09–20; calls 1/2/8; messages 2/4/16.

    private const string Msk = "Europe/Moscow";

    [Fact]
    public void FederalLaw230_SecondCallTheSameDay_IsDeferredToTheNextMorning()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Calls);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk)
            .WithHistory(new ContactAttempt(Local(Msk, 2026, 6, 9, 10), Channel.Call, Outcome: ContactOutcome.Conversation)); // Tuesday

        var d = engine.Evaluate(account, Local(Msk, 2026, 6, 9, 12));

        Assert.Equal(Local(Msk, 2026, 6, 10, 8), d.NotBefore);
    }

    [Fact]
    public void FederalLaw230_ThirdCallInACalendarWeek_IsDeferredToMondayMorning()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Calls);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk).WithHistory(
            new ContactAttempt(Local(Msk, 2026, 6, 8, 10), Channel.Call, Outcome: ContactOutcome.Conversation),
            new ContactAttempt(Local(Msk, 2026, 6, 9, 10), Channel.Call, Outcome: ContactOutcome.Conversation));

        var d = engine.Evaluate(account, Local(Msk, 2026, 6, 10, 12));

        Assert.Equal(Local(Msk, 2026, 6, 15, 8), d.NotBefore);
        Assert.Contains(d.Explanation!.Candidates.Single().Reasons, r => r.RuleName == "cap:230-fz-calls-week");
    }

    [Fact]
    public void FederalLaw230_CallsThatDidNotConnect_DoNotCount()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Calls);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk).WithHistory(
            new ContactAttempt(Local(Msk, 2026, 6, 9, 10), Channel.Call, Outcome: ContactOutcome.NoAnswer),
            new ContactAttempt(Local(Msk, 2026, 6, 9, 11), Channel.Call, Outcome: ContactOutcome.NoAnswer));
        var now = Local(Msk, 2026, 6, 9, 12);

        Assert.Equal(now, engine.Evaluate(account, now).NotBefore);
    }

    [Fact]
    public void FederalLaw230_NinthConversationInAMonth_IsDeferredToTheFirstOfNextMonth()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Calls);
        var mondays = new[] { 1, 2, 8, 9, 15, 16, 22, 23 }; // two per calendar week, one per day
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk)
            .WithHistory([.. mondays.Select(d => new ContactAttempt(Local(Msk, 2026, 6, d, 10), Channel.Call, Outcome: ContactOutcome.Conversation))]);

        var d = engine.Evaluate(account, Local(Msk, 2026, 6, 29, 12));

        Assert.Equal(Local(Msk, 2026, 7, 1, 8), d.NotBefore);
    }

    [Fact]
    public void FederalLaw230_SaturdayEveningSms_IsDeferredToSundayAtNine()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Texts);

        var d = engine.Evaluate(Borrower("ru", new LocalDate(2026, 6, 1), Msk), Local(Msk, 2026, 6, 13, 20, 30));

        Assert.Equal(Local(Msk, 2026, 6, 14, 9), d.NotBefore);
    }

    [Fact]
    public void FederalLaw230_WeekdayNightSms_IsDeferredToEightOrToNineOnAHoliday()
    {
        var weekday = WithPack(Policies.FederalLaw230Like(), Texts);
        var beforeHoliday = WithPack(Policies.FederalLaw230Like(HolidayCalendar.FromDates("RU", [new LocalDate(2026, 6, 12)])), Texts);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk);

        Assert.Equal(Local(Msk, 2026, 6, 10, 8), weekday.Evaluate(account, Local(Msk, 2026, 6, 9, 22, 30)).NotBefore);
        Assert.Equal(Local(Msk, 2026, 6, 12, 9), beforeHoliday.Evaluate(account, Local(Msk, 2026, 6, 11, 22, 30)).NotBefore);
    }

    [Fact]
    public void FederalLaw230_ThirdMessageInADay_IsDeferredToTheNextMorning()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Texts);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk).WithHistory(
            new ContactAttempt(Local(Msk, 2026, 6, 9, 9), Channel.Sms),
            new ContactAttempt(Local(Msk, 2026, 6, 9, 11), Channel.Sms));

        Assert.Equal(Local(Msk, 2026, 6, 10, 8), engine.Evaluate(account, Local(Msk, 2026, 6, 9, 12)).NotBefore);
    }

    [Fact]
    public void FederalLaw230_BankruptcyAccepted_SuppressesEveryContact()
    {
        var engine = WithPack(Policies.FederalLaw230Like(), Texts);
        var account = Borrower("ru", new LocalDate(2026, 6, 1), Msk).WithHolds(new Hold(HoldKind.Bankruptcy, Local(Msk, 2026, 5, 1, 0)));

        Assert.Equal(DecisionKind.Suppressed, engine.Evaluate(account, Local(Msk, 2026, 6, 9, 12)).Kind);
    }
}
