using System.Collections.Immutable;
using NodaTime;

namespace Cadence.CustomRules;

/// <summary>
/// The facts derived once per account and evaluation instant: the account's due date, amount, holds and tags, the day
/// relative to the due date, and per-step counters over the attempts that concerned it; the person's facts (zones,
/// local date, shared history, contact points) through <see cref="Person"/>. Inserted into the rules session; custom
/// rules and step conditions match it.
/// </summary>
/// <remarks>
/// Read-only to its users, and valid while its person is being evaluated: the engine reuses an instance for the next
/// person of a batch, so a rule or condition must not keep it (or its <see cref="History"/>) beyond that.
/// </remarks>
public sealed class AccountFacts
{
    private readonly IReadOnlyDictionary<string, int> stepIndex;
    private Account? account;
    private BorrowerState? view;

    internal AccountFacts(PersonFacts person, IReadOnlyDictionary<string, int> stepIndex)
    {
        Person = person;
        this.stepIndex = stepIndex;
        StepAttempts = new int[person.Policy.Steps.Length];
        StepLastAttempt = new Instant?[person.Policy.Steps.Length];
    }

    /// <summary>The facts of the person the account belongs to.</summary>
    public PersonFacts Person { get; }

    /// <summary>The policy the facts were derived for.</summary>
    public CadencePolicy Policy => Person.Policy;

    /// <summary>
    /// The account's state as one account: the evaluated state itself for a single account; for an account of a
    /// <see cref="Cadence.Person"/>, a view made when first read (the person's zones, contact points and history, the
    /// person's and the account's holds and tags together).
    /// </summary>
    public BorrowerState State => Person.Single ?? (view ??= View());

    /// <summary>The account's id.</summary>
    public string AccountId { get; private set; } = string.Empty;

    /// <summary>The due date, if any.</summary>
    public LocalDate? DueDate { get; private set; }

    /// <summary>The amount due.</summary>
    public Money AmountDue { get; private set; }

    /// <summary>Whether the account is paid by automatic debit.</summary>
    public bool Autopay { get; private set; }

    /// <summary>The account-level holds (the person's are in <see cref="PersonFacts.Holds"/>).</summary>
    public ImmutableArray<Hold> AccountHolds { get; private set; } = [];

    /// <summary>The account-level tags (the person's are in <see cref="PersonFacts.Tags"/>).</summary>
    public ImmutableArray<string> AccountTags { get; private set; } = [];

    /// <summary>The evaluation instant.</summary>
    public Instant Now => Person.Now;

    /// <summary>The borrower's zones, resolved; the first one counts local dates.</summary>
    public ImmutableArray<DateTimeZone> Zones => Person.Zones;

    /// <summary>The zone local dates are counted in.</summary>
    public DateTimeZone PrimaryZone => Person.PrimaryZone;

    /// <summary>Today's local date in the primary zone.</summary>
    public LocalDate Today => Person.Today;

    /// <summary>
    /// Today's day relative to the due date (negative before it); <see langword="null"/> when nothing is owed: no due
    /// date, or an amount due of zero or less.
    /// </summary>
    public int? DayFromDue { get; private set; }

    /// <summary>The person's shared history sorted by instant (ties in a fixed order).</summary>
    public ImmutableArray<ContactAttempt> History => Person.History;

    /// <summary>
    /// When the current due date's cycle began: the start of the local due date, or of the first day a step of the
    /// policy can be due before it (e.g. a reminder a week ahead), whichever is earlier. Attempts before it served an
    /// earlier instalment or delinquency and do not count as serving this cycle's steps (they still count for caps,
    /// cooldowns, exhaustion and repeat intervals).
    /// </summary>
    public Instant? CycleStart { get; private set; }

    /// <summary>Attempts that served each step in this cycle and concerned the account, index for index with the policy's steps.</summary>
    internal int[] StepAttempts { get; }

    /// <summary>When each step was last served for the account, in any cycle, index for index with the policy's steps.</summary>
    internal Instant?[] StepLastAttempt { get; }

    /// <summary>The account's position among its person's accounts.</summary>
    internal int Index { get; private set; }

    /// <summary>The person's and the account's holds, person-level first.</summary>
    internal HoldList AllHolds => new(Person.Holds, AccountHolds);

    /// <summary>Whether the account or its person carries <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasTag(string tag) => PersonFacts.Contains(AccountTags, tag) || Person.HasTag(tag);

    /// <summary>The first hold of <paramref name="kind"/> in effect now on the account or its person, if any.</summary>
    /// <param name="kind">The hold kind.</param>
    /// <returns>The hold, or <see langword="null"/>.</returns>
    public Hold? ActiveHold(HoldKind kind) => Person.ActiveHold(kind) ?? PersonFacts.ActiveIn(AccountHolds, kind, Now);

    /// <summary>The person's first contact point for <paramref name="channel"/>, if any.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The contact point, or <see langword="null"/>.</returns>
    public ContactPoint? ContactPointFor(Channel channel) => Person.FirstContactPoint(channel);

    /// <summary>Whether <paramref name="attempt"/> concerned this account (every account, when it names none).</summary>
    /// <param name="attempt">An attempt of the history.</param>
    /// <returns><see langword="true"/> when it did.</returns>
    public bool Concerns(ContactAttempt attempt) => attempt.Concerns(AccountId);

    /// <summary>How many attempts in the current cycle have served <paramref name="step"/> for this account (outbound, or non-contact actions).</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The count.</returns>
    public int AttemptsOf(CadenceStep step) => stepIndex.TryGetValue(step.Id, out var i) ? StepAttempts[i] : 0;

    /// <summary>When <paramref name="step"/> was last served for this account, in any cycle, if ever.</summary>
    /// <param name="step">A step of the policy.</param>
    /// <returns>The instant, or <see langword="null"/>.</returns>
    public Instant? LastAttemptOf(CadenceStep step) => stepIndex.TryGetValue(step.Id, out var i) ? StepLastAttempt[i] : null;

    /// <summary>
    /// How many outbound attempts in a row on the person's first contact point of <paramref name="channel"/> ended in
    /// one of <paramref name="failures"/> or in <see cref="ContactOutcome.Unknown"/> (see <see cref="PersonFacts.ConsecutiveFailures"/>);
    /// 0 without such a point.
    /// </summary>
    /// <param name="channel">The channel.</param>
    /// <param name="failures">The outcomes that count as failures.</param>
    /// <returns>The count.</returns>
    public int ConsecutiveFailures(Channel channel, ImmutableArray<ContactOutcome> failures)
        => ContactPointFor(channel) is { } point ? Person.ConsecutiveFailures(point, failures) : Person.ConsecutiveFailures(new ContactPoint(channel), failures);

    /// <summary>Whether <paramref name="rule"/> has exhausted the person's first contact point of <paramref name="channel"/>.</summary>
    /// <param name="rule">An exhaustion rule.</param>
    /// <param name="channel">The channel.</param>
    /// <returns><see langword="true"/> when it has.</returns>
    public bool IsExhausted(ExhaustionRule rule, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.AppliesTo(channel) && ConsecutiveFailures(channel, rule.FailureOutcomes) >= rule.ConsecutiveFailures;
    }

    /// <summary>
    /// A candidate for the policy step <paramref name="stepId"/> on this account, proposed by a custom rule; insert it
    /// into the session. For a contact step it is paired with every contact point of the step's channel (use
    /// <see cref="Propose(string, string, ContactPoint)"/> for one). Every window, cap, cooldown, block, repeat interval
    /// and the step's maximum attempts still apply to it; its day window does not (that is what proposing it is for),
    /// only the policy's horizon. Nothing is ever proposed for an account that owes nothing.
    /// </summary>
    /// <param name="stepId">The id of a step of the policy.</param>
    /// <param name="ruleName">The proposing rule's name, shown in explanations.</param>
    /// <returns>The candidate.</returns>
    /// <exception cref="ArgumentException">The policy has no such step.</exception>
    public Candidate Propose(string stepId, string ruleName)
    {
        var index = stepIndex.TryGetValue(stepId, out var i) ? i : throw new ArgumentException($"Policy '{Policy.Name}' has no step '{stepId}'.", nameof(stepId));
        return new Candidate(this, Policy.Steps[index], index, ruleName, null, byPolicy: false);
    }

    /// <summary>As <see cref="Propose(string, string)"/>, on one contact point of the person.</summary>
    /// <param name="stepId">The id of a step of the policy.</param>
    /// <param name="ruleName">The proposing rule's name, shown in explanations.</param>
    /// <param name="point">One of the person's contact points, on the step's channel.</param>
    /// <returns>The candidate.</returns>
    /// <exception cref="ArgumentException">The policy has no such step, or the point is not on its channel.</exception>
    public Candidate Propose(string stepId, string ruleName, ContactPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var candidate = Propose(stepId, ruleName);
        return candidate.Step.Channel == point.Channel
            ? new Candidate(this, candidate.Step, candidate.StepIndex, ruleName, null, byPolicy: false, point)
            : throw new ArgumentException($"Contact point '{point.Id}' is not on the channel of step '{stepId}'.", nameof(point));
    }

    /// <summary>Lets go of the last account, so that a pooled workspace holds no borrower's data.</summary>
    internal void Forget()
    {
        account = null;
        view = null;
        AccountId = string.Empty;
        AccountHolds = [];
        AccountTags = [];
    }

    /// <summary>Sets what the facts stage derived for an account; its counters are then filled by the deriver.</summary>
    internal void Load(int index, string accountId, Account? source, LocalDate? dueDate, Money amountDue, bool autopay, ImmutableArray<Hold> holds, ImmutableArray<string> tags, int? dayFromDue, Instant? cycleStart)
    {
        Index = index;
        account = source;
        view = null;
        AccountId = accountId;
        DueDate = dueDate;
        AmountDue = amountDue;
        Autopay = autopay;
        AccountHolds = holds;
        AccountTags = tags;
        DayFromDue = dayFromDue;
        CycleStart = cycleStart;
    }

    /// <summary>The local date of the history entry at <paramref name="index"/> in the primary zone.</summary>
    internal LocalDate AttemptDate(int index) => Person.AttemptDate(index);

    private BorrowerState View()
    {
        var person = Person.Source!;
        return new BorrowerState(AccountId)
        {
            TimeZoneIds = person.TimeZoneIds,
            DueDate = DueDate,
            AmountDue = AmountDue,
            Autopay = Autopay,
            ContactPoints = person.ContactPoints,
            Holds = person.Holds.AddRange(account?.Holds ?? []),
            Tags = person.Tags.AddRange(account?.Tags ?? []),
            History = person.History,
        };
    }
}
