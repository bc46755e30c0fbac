using Cadence.Tests.Support;
using Cadence.Explanations;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// What the jurisdiction pack tests share: a minimal lender cadence composed with the packs under test, accounts whose
/// steps are due all through 2026, and the deferrals an explanation records.
/// </summary>
internal static class PackScenarios
{
    /// <summary>A due date early enough that the steps below are due on every day of 2026.</summary>
    public static readonly LocalDate Due = new(2025, 12, 1);

    /// <summary>A repeating contact step due from the due date on; its one-minute repeat never defers a scenario.</summary>
    public static CadenceStep Step(string id, Channel channel, int priority = 0)
        => CadenceStep.Contact(id, channel, id + "-template", 0, 400) with { RepeatInterval = Duration.FromMinutes(1), Priority = priority };

    public static CadenceStep Calls => Step("calls", Channel.Call);

    public static CadenceStep Texts => Step("texts", Channel.Sms);

    public static CadenceStep Emails => Step("emails", Channel.Email);

    public static CadenceStep Visits => Step("visits", Channel.Visit);

    public static CadencePolicy Lender(params CadenceStep[] steps)
    {
        var b = CadencePolicy.CreateBuilder("lender");
        foreach (var step in steps)
        {
            b.AddStep(step);
        }

        return b.Build();
    }

    /// <summary>The lender's <paramref name="steps"/> composed with <paramref name="packs"/>, the lender first.</summary>
    public static ICadenceEngine Engine(CadencePolicy[] packs, params CadenceStep[] steps)
        => new BothEvaluators(CadencePolicy.Compose("lender+pack", [Lender(steps), .. packs]));

    /// <summary>An account in <paramref name="zones"/> with a contact point on every channel (texts without consent).</summary>
    public static BorrowerState Account(params string[] zones) => Borrower("acct", Due, zones);

    /// <summary>An account whose text contact point carries the borrower's consent.</summary>
    public static BorrowerState ConsentingAccount(params string[] zones)
        => Account(zones).WithPoint(new ContactPoint(Channel.Sms) { ConsentGiven = true });

    public static ContactAttempt Call(Instant at, ContactOutcome outcome, ContactDirection direction = ContactDirection.Outbound)
        => new(at, Channel.Call, direction, outcome);

    public static ContactAttempt Sent(Instant at, Channel channel) => new(at, channel, ContactDirection.Outbound, ContactOutcome.Delivered);

    public static ExplanationReason Reason(string ruleName, ReasonCode code, Instant? until = null) => new(ruleName, code, until);

    /// <summary>The only candidate's explanation.</summary>
    public static CandidateExplanation Only(Decision decision) => Assert.Single(decision.Explanation!.Candidates);

    /// <summary>The candidate for <paramref name="stepId"/>.</summary>
    public static CandidateExplanation Candidate(Decision decision, string stepId) => Assert.Single(decision.Explanation!.Candidates, c => c.StepId == stepId);

    /// <summary>What deferred or blocked the only candidate, in order (the selection itself left out).</summary>
    public static ExplanationReason[] Deferrals(Decision decision) => Bare(Only(decision).Reasons.Where(r => r.Code is not (ReasonCode.Chosen or ReasonCode.Outranked)));

    /// <summary>Reasons without their sources, to compare rule names, codes and instants (sources are tested by <see cref="PackSourceTests"/>).</summary>
    public static ExplanationReason[] Bare(IEnumerable<ExplanationReason> reasons) => [.. reasons.Select(r => r with { Sources = [] })];

    /// <summary>
    /// Russia's 2026 non-working days (production calendar): 1–9 January (3 and 4 are a weekend), 23 February,
    /// 9 March, 1 and 11 May, 12 June, 4 November, 31 December.
    /// </summary>
    public static HolidayCalendar Russia2026 { get; } = HolidayCalendar.FromDates(
        "RU-2026",
        [
            .. Enumerable.Range(1, 9).Select(d => new LocalDate(2026, 1, d)),
            new LocalDate(2026, 2, 23),
            new LocalDate(2026, 3, 9),
            new LocalDate(2026, 5, 1),
            new LocalDate(2026, 5, 11),
            new LocalDate(2026, 6, 12),
            new LocalDate(2026, 11, 4),
            new LocalDate(2026, 12, 31),
        ]);
}
