using Cadence.Explanations;
using Cadence.Jurisdictions;
using NodaTime.Text;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// <see cref="JurisdictionPacks.Russia230Fz"/> with Russia's 2026 production calendar, against 230-FZ article 7:
/// weekdays 08:00–22:00, weekends and public holidays 09:00–20:00; conversations 1 a day, 2 a calendar week, 8 a
/// calendar month; messages 2/4/16; meetings 1 a week; bans during bankruptcy, incapacity and the like.
/// </summary>
public sealed class Russia230FzPackTests
{
    private const string Msk = "Europe/Moscow";
    private const string WeekdayHours = "window:230-fz-weekday-hours (Europe/Moscow)";
    private const string WeekendHours = "window:230-fz-weekend-and-holiday-hours (Europe/Moscow)";
    private const string HolidayHours = "window:230-fz-weekday-hours+230-fz-weekend-and-holiday-hours (Europe/Moscow)";

    private static ICadenceEngine Engine(params CadenceStep[] steps) => PackScenarios.Engine([JurisdictionPacks.Russia230Fz(Russia2026)], steps);

    private static ICadenceEngine Engine(Russia230FzOptions options, params CadenceStep[] steps)
        => PackScenarios.Engine([JurisdictionPacks.Russia230Fz(Russia2026, options)], steps);

    private static Instant Moscow(int y, int m, int d, int h, int min = 0) => Local(Msk, y, m, d, h, min);

    private static ContactAttempt Conversation(int m, int d) => Call(Moscow(2026, m, d, 10), ContactOutcome.Conversation);

    // ---- conversations: 1 a day, 2 a calendar week, 8 a calendar month

    [Fact]
    public void SecondCallTheSameDayAfterAConversation_IsDeferredToTheNextMorningAtEight()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 9)); // Tuesday

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(Moscow(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-day", ReasonCode.CapReached, Moscow(2026, 6, 10, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 10, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void SecondCallOnAFridayAfterAConversation_IsDeferredToSaturdayAtNine()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 5)); // Friday

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 5, 12));

        Assert.Equal(Moscow(2026, 6, 6, 9), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-day", ReasonCode.CapReached, Moscow(2026, 6, 6, 0)),
                Reason(WeekendHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 6, 9)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void SecondCallTheDayBeforeAHolidayAfterAConversation_IsDeferredToTheHolidayAtNine()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 11)); // Thursday; 12 June is Russia Day

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 11, 12));

        Assert.Equal(Moscow(2026, 6, 12, 9), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-day", ReasonCode.CapReached, Moscow(2026, 6, 12, 0)),
                Reason(HolidayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 12, 9)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void ThirdConversationInACalendarWeek_IsDeferredToMondayAtEight()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 8), Conversation(6, 9)); // Monday, Tuesday

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 10, 12));

        Assert.Equal(Moscow(2026, 6, 15, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-week", ReasonCode.CapReached, Moscow(2026, 6, 15, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void ThirdConversationInAWeekBeforeAHolidayMonday_IsDeferredToMondayAtNine()
    {
        var account = Account(Msk).WithHistory(Conversation(5, 4), Conversation(5, 5)); // 11 May is a holiday

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 5, 6, 12));

        Assert.Equal(Moscow(2026, 5, 11, 9), d.NotBefore);
    }

    [Fact]
    public void ThirdConversationInTheNextCalendarWeek_IsAllowed()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 11), Conversation(6, 13)); // Thursday, Saturday
        var now = Moscow(2026, 6, 15, 12); // Monday

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void NinthConversationInACalendarMonth_IsDeferredToTheFirstOfNextMonth()
    {
        int[] days = [1, 2, 8, 9, 15, 16, 22, 23]; // two a week, one a day
        var account = Account(Msk).WithHistory([.. days.Select(day => Conversation(6, day))]);

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 29, 12)); // Monday of a fresh week

        Assert.Equal(Moscow(2026, 7, 1, 8), d.NotBefore); // Wednesday
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-month", ReasonCode.CapReached, Moscow(2026, 7, 1, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 7, 1, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void NinthConversationInAMonthWhoseNextFirstIsASunday_IsDeferredToSundayAtNine()
    {
        int[] days = [1, 2, 5, 6, 12, 13, 19, 20];
        var account = Account(Msk).WithHistory([.. days.Select(day => Conversation(10, day))]);

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 10, 21, 12));

        Assert.Equal(Moscow(2026, 11, 1, 9), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-calls-per-week", ReasonCode.CapReached, Moscow(2026, 10, 26, 0)),
                Reason("cap:230-fz-calls-per-month", ReasonCode.CapReached, Moscow(2026, 11, 1, 0)),
                Reason(WeekendHours, ReasonCode.OutsideContactWindow, Moscow(2026, 11, 1, 9)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void UnansweredCalls_DoNotCountByDefault()
    {
        var account = Account(Msk).WithHistory(
            Call(Moscow(2026, 6, 9, 9), ContactOutcome.NoAnswer),
            Call(Moscow(2026, 6, 9, 10), ContactOutcome.NoAnswer),
            Call(Moscow(2026, 6, 9, 11), ContactOutcome.NoAnswer));
        var now = Moscow(2026, 6, 9, 12);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void CountAllPlacedCalls_AnUnansweredCallUsesTheDay()
    {
        var account = Account(Msk).WithHistory(Call(Moscow(2026, 6, 9, 10), ContactOutcome.NoAnswer));

        var d = Engine(new Russia230FzOptions { CountAllPlacedCalls = true }, Calls).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(Moscow(2026, 6, 10, 8), d.NotBefore);
        Assert.Contains(Reason("cap:230-fz-calls-per-day", ReasonCode.CapReached, Moscow(2026, 6, 10, 0)), Deferrals(d));
    }

    [Fact]
    public void ConversationsTheDebtorStarted_DoNotCount()
    {
        var account = Account(Msk).WithHistory(Call(Moscow(2026, 6, 9, 10), ContactOutcome.Conversation, ContactDirection.Inbound));
        var now = Moscow(2026, 6, 9, 12);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    // ---- hours: weekdays 08:00–22:00, weekends and holidays 09:00–20:00

    [Fact]
    public void SaturdayEveningSms_IsDeferredToSundayAtNine()
    {
        var d = Engine(Texts).Evaluate(Account(Msk), Moscow(2026, 6, 13, 20, 30));

        Assert.Equal(Moscow(2026, 6, 14, 9), d.NotBefore);
        Assert.Equal([Reason(WeekendHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 14, 9))], Deferrals(d));
    }

    [Fact]
    public void WeekdayNightSms_IsDeferredToEightTheNextMorning()
    {
        var d = Engine(Texts).Evaluate(Account(Msk), Moscow(2026, 6, 9, 22, 30)); // Tuesday

        Assert.Equal(Moscow(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal([Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 10, 8))], Deferrals(d));
    }

    [Fact]
    public void WeekdayNightSmsBeforeAHoliday_IsDeferredToNineOnTheHoliday()
    {
        var d = Engine(Texts).Evaluate(Account(Msk), Moscow(2026, 6, 11, 22, 30)); // Thursday; Friday 12 June is Russia Day

        Assert.Equal(Moscow(2026, 6, 12, 9), d.NotBefore);
    }

    [Fact]
    public void WeekdayEveningSms_IsAllowedUntilTen()
    {
        var now = Moscow(2026, 6, 9, 21, 59);

        var d = Engine(Texts).Evaluate(Account(Msk), now);

        Assert.Equal(now, d.NotBefore);
    }

    [Theory]
    [InlineData("2026-01-08T20:30", "2026-01-09T09:00")] // a holiday Thursday closes at 20:00; Friday 9 January is a holiday too
    [InlineData("2026-01-08T08:30", "2026-01-08T09:00")] // and opens at 09:00
    [InlineData("2026-01-11T20:30", "2026-01-12T08:00")] // the New Year holidays are over on Monday 12 January
    [InlineData("2026-02-22T20:30", "2026-02-23T09:00")] // Defender of the Fatherland Day, a Monday
    [InlineData("2026-03-06T22:30", "2026-03-07T09:00")] // Saturday, then Sunday, then the holiday Monday 9 March
    [InlineData("2026-03-09T20:00", "2026-03-10T08:00")]
    [InlineData("2026-04-30T22:00", "2026-05-01T09:00")] // Labour Day, a Friday
    [InlineData("2026-11-04T08:00", "2026-11-04T09:00")] // Unity Day, a Wednesday
    [InlineData("2026-12-30T22:30", "2026-12-31T09:00")] // 31 December, a Thursday
    public void SmsOnTheRussianCalendar_IsDeferredToTheNextOpeningHour(string now, string expected)
    {
        static Instant Parse(string local) => LocalDateTimePattern.GeneralIso.Parse(local + ":00").Value.InZoneStrictly(DateTimeZoneProviders.Tzdb[Msk]).ToInstant();

        var d = Engine(Texts).Evaluate(Account(Msk), Parse(now));

        Assert.Equal(Parse(expected), d.NotBefore);
    }

    // ---- messages: 2 a day, 4 a calendar week, 16 a calendar month

    [Fact]
    public void ThirdMessageInADay_IsDeferredToTheNextMorning()
    {
        var account = Account(Msk).WithHistory(Sent(Moscow(2026, 6, 9, 9), Channel.Sms), Sent(Moscow(2026, 6, 9, 11), Channel.Sms));

        var d = Engine(Texts).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(Moscow(2026, 6, 10, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-messages-per-day", ReasonCode.CapReached, Moscow(2026, 6, 10, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 10, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void PushNotifications_CountAsMessages()
    {
        var account = Account(Msk).WithHistory(Sent(Moscow(2026, 6, 9, 9), Channel.Push), Sent(Moscow(2026, 6, 9, 11), Channel.Push));

        var d = Engine(Texts).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(Moscow(2026, 6, 10, 8), d.NotBefore);
    }

    [Fact]
    public void FifthMessageInACalendarWeek_IsDeferredToMondayMorning()
    {
        var account = Account(Msk).WithHistory(
            Sent(Moscow(2026, 6, 8, 9), Channel.Sms),
            Sent(Moscow(2026, 6, 8, 11), Channel.Sms),
            Sent(Moscow(2026, 6, 9, 9), Channel.Sms),
            Sent(Moscow(2026, 6, 9, 11), Channel.Sms));

        var d = Engine(Texts).Evaluate(account, Moscow(2026, 6, 10, 12));

        Assert.Equal(Moscow(2026, 6, 15, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-messages-per-week", ReasonCode.CapReached, Moscow(2026, 6, 15, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void SeventeenthMessageInACalendarMonth_IsDeferredToTheFirstOfNextMonth()
    {
        int[] days = [1, 2, 8, 9, 15, 16, 22, 23]; // Mondays and Tuesdays: 2 a day, 4 a week
        var account = Account(Msk).WithHistory([.. days.SelectMany(day => new[] { Sent(Moscow(2026, 6, day, 9), Channel.Sms), Sent(Moscow(2026, 6, day, 11), Channel.Sms) })]);

        var d = Engine(Texts).Evaluate(account, Moscow(2026, 6, 29, 12));

        Assert.Equal(Moscow(2026, 7, 1, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-messages-per-month", ReasonCode.CapReached, Moscow(2026, 7, 1, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 7, 1, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void MessagesAndConversations_AreCountedApart()
    {
        var account = Account(Msk).WithHistory(Conversation(6, 9), Sent(Moscow(2026, 6, 9, 11), Channel.Sms));
        var now = Moscow(2026, 6, 9, 12);

        var d = Engine(Texts).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    // ---- meetings: 1 a week

    [Fact]
    public void SecondMeetingInACalendarWeek_IsDeferredToMondayMorning()
    {
        var account = Account(Msk).WithHistory(Sent(Moscow(2026, 6, 8, 14), Channel.Visit));

        var d = Engine(Visits).Evaluate(account, Moscow(2026, 6, 11, 12));

        Assert.Equal(Moscow(2026, 6, 15, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:230-fz-meetings-per-week", ReasonCode.CapReached, Moscow(2026, 6, 15, 0)),
                Reason(WeekdayHours, ReasonCode.OutsideContactWindow, Moscow(2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    // ---- bans

    [Theory]
    [InlineData("bankruptcy")]
    [InlineData("incapacitated")]
    [InlineData("in-patient-treatment")]
    [InlineData("disability-group-1")]
    [InlineData("minor")]
    [InlineData("refusal-of-interaction")]
    public void Ban_SuppressesEveryContact(string kindName)
    {
        var kind = kindName switch
        {
            "bankruptcy" => HoldKind.Bankruptcy,
            "incapacitated" => RussianHoldKinds.Incapacitated,
            "in-patient-treatment" => RussianHoldKinds.InPatientTreatment,
            "disability-group-1" => RussianHoldKinds.DisabilityGroupOne,
            "minor" => RussianHoldKinds.Minor,
            _ => RussianHoldKinds.RefusalOfInteraction,
        };
        var letter = CadenceStep.Contact("letter", Channel.Letter, "letter", 0, 400);
        var account = Account(Msk).WithHolds(new Hold(kind, Moscow(2026, 5, 1, 0)));

        var d = Engine(Calls, Texts, Visits, letter).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(kindName, kind.Name);
        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(kind, d.SuppressedBy);
        Assert.Null(d.ReviewAt);
        Assert.Equal(4, d.Explanation!.Candidates.Length);
        Assert.All(d.Explanation.Candidates, c => Assert.Equal([Reason("hold:230-fz-" + kindName, ReasonCode.HoldActive)], Bare(c.Reasons)));
    }

    [Fact]
    public void BanThatEnds_SuppressesUntilItEnds()
    {
        var account = Account(Msk).WithHolds(new Hold(RussianHoldKinds.InPatientTreatment, Moscow(2026, 6, 1, 0), Moscow(2026, 6, 20, 0)));

        var d = Engine(Calls).Evaluate(account, Moscow(2026, 6, 9, 12));

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(Moscow(2026, 6, 20, 0), d.ReviewAt);
    }

    [Fact]
    public void StepsAllowedDuringBans_ALetterToTheBankruptcyManagerIsAllowed()
    {
        var letter = CadenceStep.Contact("letter-to-manager", Channel.Letter, "bankruptcy-manager", 0, 400);
        var account = Account(Msk).WithHolds(new Hold(HoldKind.Bankruptcy, Moscow(2026, 5, 1, 0)));
        var now = Moscow(2026, 6, 9, 12);

        var d = Engine(new Russia230FzOptions { StepsAllowedDuringBans = ["letter-to-manager"] }, Calls, letter).Evaluate(account, now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal("letter-to-manager", d.Step!.Id);
        Assert.Equal(now, d.NotBefore);
        Assert.Equal([Reason("hold:230-fz-bankruptcy", ReasonCode.HoldActive)], Bare(Candidate(d, "calls").Reasons));
    }
}
