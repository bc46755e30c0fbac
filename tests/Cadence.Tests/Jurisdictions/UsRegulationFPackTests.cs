using Cadence.Tests.Support;
using Cadence.Explanations;
using Cadence.Jurisdictions;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// <see cref="JurisdictionPacks.UsRegulationF"/> against Regulation F (12 CFR 1006), the FDCPA and the TCPA's consent
/// rule: 08:00–21:00 in every zone; 7 placed calls in 7 consecutive days; no call for 7 days after a conversation; a
/// cease request stops every step; no e-mail to a workplace; texts need consent; limited-content voicemails.
/// </summary>
public sealed class UsRegulationFPackTests
{
    private const string Ny = "America/New_York";
    private const string La = "America/Los_Angeles";
    private const string Hours = "window:reg-f-convenient-hours (America/New_York)";

    private static ICadenceEngine Engine(params CadenceStep[] steps) => PackScenarios.Engine([JurisdictionPacks.UsRegulationF()], steps);

    private static ICadenceEngine Engine(RegulationFOptions options, params CadenceStep[] steps) => PackScenarios.Engine([JurisdictionPacks.UsRegulationF(options)], steps);

    /// <summary>Placed calls at 10:00 on 8–14 June 2026 (Monday to Sunday), ending in <paramref name="outcomes"/> in turn.</summary>
    private static ContactAttempt[] SevenCalls(params ContactOutcome[] outcomes)
        => [.. Enumerable.Range(0, 7).Select(i => Call(Local(Ny, 2026, 6, 8 + i, 10), outcomes[i % outcomes.Length]))];

    // ---- 7 placed calls in 7 consecutive days

    [Fact]
    public void EighthCallInSevenDays_IsDeferredUntilTheFirstLeavesTheWindow()
    {
        var account = Account(Ny).WithHistory(SevenCalls(ContactOutcome.NoAnswer));

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 14, 15)); // Sunday, day 7

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore); // Monday, day 8, when the window opens
        Assert.Equal(
            [
                Reason("cap:reg-f-7-calls-in-7-days", ReasonCode.CapReached, Local(Ny, 2026, 6, 15, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Local(Ny, 2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void SeventhCallInSevenDays_IsAllowedNow()
    {
        var account = Account(Ny).WithHistory([.. SevenCalls(ContactOutcome.NoAnswer).Skip(1)]); // 9–14 June
        var now = Local(Ny, 2026, 6, 14, 15);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void CallsTheBorrowerMade_DoNotCountTowardTheSeven()
    {
        var outbound = SevenCalls(ContactOutcome.NoAnswer).Skip(1); // six placed calls, 9–14 June
        var inbound = Enumerable.Range(0, 7).Select(i => Call(Local(Ny, 2026, 6, 8 + i, 11), ContactOutcome.NoAnswer, ContactDirection.Inbound));
        var account = Account(Ny).WithHistory([.. outbound, .. inbound]);
        var now = Local(Ny, 2026, 6, 14, 15);

        var d = Engine(Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void UnconnectedCalls_CountTowardTheSevenByDefault()
    {
        var account = Account(Ny).WithHistory(SevenCalls(ContactOutcome.Busy, ContactOutcome.Failed));

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 14, 15));

        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore);
    }

    [Theory]
    [InlineData(ContactOutcome.Busy)]
    [InlineData(ContactOutcome.Failed)]
    public void ExcludeUnconnectedCalls_CallsThatNeverConnectedDoNotCount(ContactOutcome outcome)
    {
        var account = Account(Ny).WithHistory(SevenCalls(outcome));
        var now = Local(Ny, 2026, 6, 14, 15);

        var d = Engine(new RegulationFOptions { ExcludeUnconnectedCalls = true }, Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
        Assert.Empty(Deferrals(d));
    }

    [Fact]
    public void ExcludeUnconnectedCalls_CallsThatRangOrReachedVoicemailStillCount()
    {
        var account = Account(Ny).WithHistory(SevenCalls(ContactOutcome.NoAnswer, ContactOutcome.Voicemail));

        var d = Engine(new RegulationFOptions { ExcludeUnconnectedCalls = true }, Calls).Evaluate(account, Local(Ny, 2026, 6, 14, 15));

        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore);
        Assert.Contains(Reason("cap:reg-f-7-calls-in-7-days", ReasonCode.CapReached, Local(Ny, 2026, 6, 15, 0)), Deferrals(d));
    }

    // ---- 7 days after a telephone conversation, its day being day 1

    [Fact]
    public void ConversationOnMonday_NextCallIsAllowedFromTheFollowingMondayAtEight()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 8, 10), ContactOutcome.Conversation));

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 8, 12));

        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cooldown:reg-f-7-days-after-conversation", ReasonCode.Cooldown, Local(Ny, 2026, 6, 15, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Local(Ny, 2026, 6, 15, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void ConversationOnMonday_StillBlocksCallsOnSundayEvening()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 8, 10), ContactOutcome.Conversation));

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 14, 20, 30)); // day 7

        Assert.Equal(Local(Ny, 2026, 6, 15, 8), d.NotBefore);
    }

    [Fact]
    public void InboundConversation_StartsTheBlockToo()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 10, 16), ContactOutcome.Conversation, ContactDirection.Inbound)); // Wednesday

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 11, 9));

        Assert.Equal(Local(Ny, 2026, 6, 17, 8), d.NotBefore); // the next Wednesday, day 8
        Assert.Contains(Reason("cooldown:reg-f-7-days-after-conversation", ReasonCode.Cooldown, Local(Ny, 2026, 6, 17, 0)), Deferrals(d));
    }

    [Fact]
    public void ConversationBlock_DoesNotDeferTexts()
    {
        var account = ConsentingAccount(Ny).WithHistory(Call(Local(Ny, 2026, 6, 8, 10), ContactOutcome.Conversation));
        var now = Local(Ny, 2026, 6, 8, 12);

        var d = Engine(Texts).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    // ---- 08:00–21:00 in every zone of the borrower

    [Fact]
    public void AddressInNewYorkAndPhoneInLosAngeles_NineInTheMorningIsDeferredToElevenNewYorkTime()
    {
        var d = Engine(Calls).Evaluate(Account(Ny, La), Local(Ny, 2026, 6, 9, 9));

        Assert.Equal(Local(Ny, 2026, 6, 9, 11), d.NotBefore); // 08:00 in Los Angeles
        Assert.Equal([Reason("window:reg-f-convenient-hours (America/Los_Angeles)", ReasonCode.OutsideContactWindow, Local(Ny, 2026, 6, 9, 11))], Deferrals(d));
    }

    [Fact]
    public void AddressInNewYorkAndPhoneInLosAngeles_HalfPastEightInTheEveningIsAllowed()
    {
        var now = Local(Ny, 2026, 6, 9, 20, 30); // 17:30 in Los Angeles

        var d = Engine(Calls).Evaluate(Account(Ny, La), now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void AddressInNewYorkAndPhoneInLosAngeles_NineInTheEveningIsDeferredToElevenNextMorning()
    {
        var d = Engine(Calls).Evaluate(Account(Ny, La), Local(Ny, 2026, 6, 9, 21));

        Assert.Equal(Local(Ny, 2026, 6, 10, 11), d.NotBefore);
    }

    // ---- limited-content voicemail

    [Fact]
    public void CallDecision_SaysVoicemailsMustBeLimitedContent()
    {
        var d = Engine(Calls).Evaluate(Account(Ny), Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(Channel.Call, d.Channel);
        Assert.True(d.LimitedContentVoicemail);
    }

    [Fact]
    public void TextDecision_IsNotMarkedLimitedContentVoicemail()
    {
        var d = Engine(Texts).Evaluate(ConsentingAccount(Ny), Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(Channel.Sms, d.Channel);
        Assert.False(d.LimitedContentVoicemail);
    }

    [Fact]
    public void CallDecisionWithoutThePack_IsNotMarkedLimitedContentVoicemail()
    {
        var d = new BothEvaluators(Lender(Calls)).Evaluate(Account(Ny), Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(Channel.Call, d.Channel);
        Assert.False(d.LimitedContentVoicemail);
    }

    // ---- consent, workplace, cease communication

    [Fact]
    public void TextWithoutConsentOnItsContactPoint_IsBlocked()
    {
        var d = Engine(Texts).Evaluate(Account(Ny), Local(Ny, 2026, 6, 9, 12));

        Assert.Null(d.Step);
        Assert.Null(d.NotBefore);
        var candidate = Only(d);
        Assert.Equal(CandidateStatus.Blocked, candidate.Status);
        Assert.Equal([Reason("guard:consent:Sms", ReasonCode.ConsentMissing)], Bare(candidate.Reasons));
    }

    [Fact]
    public void TextWithConsentOnItsContactPoint_IsAllowed()
    {
        var now = Local(Ny, 2026, 6, 9, 12);

        var d = Engine(Texts).Evaluate(ConsentingAccount(Ny), now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void RequireTextConsentOff_TextWithoutConsentIsAllowed()
    {
        var now = Local(Ny, 2026, 6, 9, 12);

        var d = Engine(new RegulationFOptions { RequireTextConsent = false }, Texts).Evaluate(Account(Ny), now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void EmailToAWorkplaceAddress_IsBlocked()
    {
        var account = Account(Ny).WithPoint(new ContactPoint(Channel.Email) { IsWorkplace = true });

        var d = Engine(Emails).Evaluate(account, Local(Ny, 2026, 6, 9, 12));

        Assert.Null(d.Step);
        var candidate = Only(d);
        Assert.Equal(CandidateStatus.Blocked, candidate.Status);
        Assert.Equal([Reason("guard:workplace:Email", ReasonCode.WorkplaceRestricted)], Bare(candidate.Reasons));
    }

    [Fact]
    public void EmailToAPersonalAddress_IsAllowed()
    {
        var now = Local(Ny, 2026, 6, 9, 12);

        var d = Engine(Emails).Evaluate(Account(Ny), now);

        Assert.Equal(Channel.Email, d.Channel);
        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void CeaseCommunication_SuppressesEveryStep()
    {
        var letter = CadenceStep.Contact("cease-ack", Channel.Letter, "cease-acknowledgement", 0, 400);
        var account = ConsentingAccount(Ny).WithHolds(new Hold(HoldKind.CeaseCommunication, Local(Ny, 2026, 6, 1, 9)));

        var d = Engine(Calls, Texts, Emails, letter).Evaluate(account, Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(DecisionKind.Suppressed, d.Kind);
        Assert.Equal(HoldKind.CeaseCommunication, d.SuppressedBy);
        Assert.Null(d.ReviewAt);
        Assert.All(d.Explanation!.Candidates, c => Assert.Equal([Reason("hold:reg-f-cease-communication", ReasonCode.HoldActive)], Bare(c.Reasons)));
    }

    [Fact]
    public void CeaseCommunication_StillAllowsAnAcknowledgementStep()
    {
        var letter = CadenceStep.Contact("cease-ack", Channel.Letter, "cease-acknowledgement", 0, 400);
        var account = Account(Ny).WithHolds(new Hold(HoldKind.CeaseCommunication, Local(Ny, 2026, 6, 1, 9)));
        var now = Local(Ny, 2026, 6, 9, 12);

        var d = Engine(new RegulationFOptions { CeaseAcknowledgementSteps = ["cease-ack"] }, Calls, letter).Evaluate(account, now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal("cease-ack", d.Step!.Id);
        Assert.Equal(now, d.NotBefore);
        var calls = Candidate(d, "calls");
        Assert.Equal(CandidateStatus.Blocked, calls.Status);
        Assert.Equal([Reason("hold:reg-f-cease-communication", ReasonCode.HoldActive)], Bare(calls.Reasons));
    }

    // ---- optional guards: texts and e-mails a day, minutes between calls

    [Fact]
    public void FourthTextInADay_IsDeferredToTheNextDayAtEight()
    {
        var account = ConsentingAccount(Ny).WithHistory(
            Sent(Local(Ny, 2026, 6, 9, 9), Channel.Sms),
            Sent(Local(Ny, 2026, 6, 9, 10), Channel.Sms),
            Sent(Local(Ny, 2026, 6, 9, 11), Channel.Sms));

        var d = Engine(Texts).Evaluate(account, Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(Local(Ny, 2026, 6, 10, 8), d.NotBefore);
        Assert.Equal(
            [
                Reason("cap:reg-f-texts-per-day", ReasonCode.CapReached, Local(Ny, 2026, 6, 10, 0)),
                Reason(Hours, ReasonCode.OutsideContactWindow, Local(Ny, 2026, 6, 10, 8)),
            ],
            Deferrals(d));
    }

    [Fact]
    public void TextsPerDayRaised_FourthTextIsAllowed()
    {
        var account = ConsentingAccount(Ny).WithHistory(
            Sent(Local(Ny, 2026, 6, 9, 9), Channel.Sms),
            Sent(Local(Ny, 2026, 6, 9, 10), Channel.Sms),
            Sent(Local(Ny, 2026, 6, 9, 11), Channel.Sms));
        var now = Local(Ny, 2026, 6, 9, 12);

        var d = Engine(new RegulationFOptions { TextsPerDay = 4 }, Texts).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void FourthEmailInADay_IsDeferredToTheNextDayAtEight()
    {
        var account = Account(Ny).WithHistory(
            Sent(Local(Ny, 2026, 6, 9, 9), Channel.Email),
            Sent(Local(Ny, 2026, 6, 9, 10), Channel.Email),
            Sent(Local(Ny, 2026, 6, 9, 11), Channel.Email));

        var d = Engine(Emails).Evaluate(account, Local(Ny, 2026, 6, 9, 12));

        Assert.Equal(Local(Ny, 2026, 6, 10, 8), d.NotBefore);
        Assert.Contains(Reason("cap:reg-f-emails-per-day", ReasonCode.CapReached, Local(Ny, 2026, 6, 10, 0)), Deferrals(d));
    }

    [Fact]
    public void SecondCallWithinFiveMinutes_IsDeferredUntilFiveMinutesAfterTheFirst()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 9, 10), ContactOutcome.NoAnswer));

        var d = Engine(Calls).Evaluate(account, Local(Ny, 2026, 6, 9, 10, 2));

        Assert.Equal(Local(Ny, 2026, 6, 9, 10, 5), d.NotBefore);
        Assert.Equal([Reason("cooldown:reg-f-calls-apart", ReasonCode.Cooldown, Local(Ny, 2026, 6, 9, 10, 5))], Deferrals(d));
    }

    [Fact]
    public void NoMinimumGapBetweenCalls_SecondCallIsAllowedAtOnce()
    {
        var account = Account(Ny).WithHistory(Call(Local(Ny, 2026, 6, 9, 10), ContactOutcome.NoAnswer));
        var now = Local(Ny, 2026, 6, 9, 10, 2);

        var d = Engine(new RegulationFOptions { MinimumGapBetweenCalls = null }, Calls).Evaluate(account, now);

        Assert.Equal(now, d.NotBefore);
    }

    [Fact]
    public void Defaults_AreTheStrictFigures()
    {
        var options = new RegulationFOptions();

        Assert.False(options.ExcludeUnconnectedCalls);
        Assert.Equal(Duration.FromMinutes(5), options.MinimumGapBetweenCalls);
        Assert.Equal(3, options.TextsPerDay);
        Assert.Equal(3, options.EmailsPerDay);
        Assert.True(options.RequireTextConsent);
        Assert.Empty(options.CeaseAcknowledgementSteps);
        Assert.Equal(JurisdictionPacks.UsRegulationF(), JurisdictionPacks.UsRegulationF(options));
    }
}
