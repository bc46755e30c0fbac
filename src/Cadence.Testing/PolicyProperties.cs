using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cadence.Simulation;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Testing;

/// <summary>
/// Ready-made FsCheck properties that prove a policy keeps each guarantee of Cadence's semantics, over accounts
/// generated for it (see <see cref="CadenceArbitraries.AccountScenariosFor"/>). Every decided contact is re-verified by
/// the independent <see cref="ComplianceChecker"/>, which shares no code with the engine.
/// </summary>
/// <example>
/// One line of xunit per guarantee:
/// <code>
/// [Fact]
/// public void Never_outside_a_window() => PolicyProperties.For(MyPolicy).NeverOutsideAWindow().QuickCheckThrowOnFailure();
///
/// [Property]
/// public Property Never_breaks_a_cap() => PolicyProperties.For(MyPolicy).AlsoComplyingWith(JurisdictionPacks.UsRegulationF()).NeverBreaksACapOrCooldown();
/// </code>
/// </example>
/// <remarks>
/// A failing property prints the shrunk counterexample (the policy's summary and the account line by line, see
/// <see cref="AccountScenario"/>), the decision with its explanation, and every violation with the rule it broke.
/// Instances are immutable: each <c>With…</c> method returns a new one. Thread-safe.
/// </remarks>
public sealed partial class PolicyProperties
{
    private static readonly string[] Cultures = ["tr-TR", "ar-SA", "de-DE", "ja-JP", "fa-IR"];
    private static readonly ContactOutcome[] LoopOutcomes =
    [
        ContactOutcome.NoAnswer, ContactOutcome.Conversation, ContactOutcome.Voicemail, ContactOutcome.Delivered, ContactOutcome.Failed,
        ContactOutcome.Busy, ContactOutcome.Sent, ContactOutcome.WrongParty, ContactOutcome.Bounced, ContactOutcome.Unknown,
    ];

    /// <summary>The cultures to evaluate under that this process knows (none with invariant globalization).</summary>
    private static readonly Lazy<ImmutableArray<CultureInfo>> AvailableCultures = new(() => [.. Cultures.Select(Culture).OfType<CultureInfo>()]);

    private readonly ICadenceEngine? customEngine;
    private readonly ImmutableArray<CadencePolicy> constraints;
    private readonly Func<Instant, Gen<BorrowerState>>? accounts;
    private readonly Func<Instant, Gen<Person>>? persons;
    private readonly Gen<Instant>? instants;
    private readonly Lazy<ICadenceEngine> engine;
    private readonly Lazy<ImmutableArray<ICadenceEngine>> batchEngines;
    private readonly Lazy<ProposedContacts> checker;

    private PolicyProperties(CadencePolicy policy, ICadenceEngine? customEngine, ImmutableArray<CadencePolicy> constraints, Func<Instant, Gen<BorrowerState>>? accounts, Func<Instant, Gen<Person>>? persons, Gen<Instant>? instants, int rounds)
    {
        this.persons = persons;
        Policy = policy;
        this.customEngine = customEngine;
        this.constraints = constraints;
        this.accounts = accounts;
        this.instants = instants;
        ClosedLoopRounds = rounds;
        engine = new(() => customEngine ?? new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = true, IncludeExplanationsInBatches = true }));
        batchEngines = new(() => customEngine is not null
            ? [customEngine]
            : [engine.Value, .. new[] { 1, 2, 4 }.Select(d => new CadenceEngine(policy, new CadenceEngineOptions { MaxDegreeOfParallelism = d, MinimumPartitionSize = 1 }))]);
        checker = new(() => new ProposedContacts([(policy.Name, new ComplianceChecker(policy)), .. constraints.Select(c => (c.Name, new ComplianceChecker(c)))]));
    }

    /// <summary>The policy whose guarantees are checked.</summary>
    public CadencePolicy Policy { get; }

    /// <summary>The engine whose decisions are checked: the one given to <see cref="WithEngine"/>, else a <see cref="CadenceEngine"/> of the policy with explanations.</summary>
    public ICadenceEngine Engine => engine.Value;

    /// <summary>Further policies every decision must keep too (see <see cref="AlsoComplyingWith"/>).</summary>
    public ImmutableArray<CadencePolicy> Constraints => constraints;

    /// <summary>How many decisions <see cref="NeverViolatesInAClosedLoop"/> follows per account; 8 by default.</summary>
    public int ClosedLoopRounds { get; }

    /// <summary>Starts the properties of a policy, checked on a <see cref="CadenceEngine"/> of it.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The properties.</returns>
    public static PolicyProperties For(CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new PolicyProperties(policy, null, [], null, null, null, 8);
    }

    /// <summary>
    /// Checks the decisions of <paramref name="engine"/> instead of a plain <see cref="CadenceEngine"/> of the policy: a
    /// lender's own engine or a decorator that adds its own rules around one. Its decisions are still checked against
    /// the policy (and the <see cref="Constraints"/>). Decisions show their explanation in failure messages when the
    /// engine collects them.
    /// </summary>
    /// <param name="engine">The engine.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties WithEngine(ICadenceEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        return new PolicyProperties(Policy, engine, constraints, accounts, persons, instants, ClosedLoopRounds);
    }

    /// <summary>
    /// Also checks every decision against the rules of <paramref name="rules"/>, each with its own independent checker,
    /// whether or not the policy composes them: e.g. that a hand-written lender policy never breaks US Regulation F
    /// (<c>JurisdictionPacks.UsRegulationF()</c>). Their windows, caps, cooldowns, holds, consent, workplace and
    /// exhaustion rules apply; their step rules apply to steps with the same ids only. Generated accounts cover their
    /// caps, zones and hold kinds too.
    /// </summary>
    /// <param name="rules">The policies.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties AlsoComplyingWith(params CadencePolicy[] rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(rules));
        }

        return new PolicyProperties(Policy, customEngine, constraints.AddRange(rules), accounts, persons, instants, ClosedLoopRounds);
    }

    /// <summary>
    /// Checks accounts of your own making instead of <see cref="CadenceArbitraries.AccountsFor"/>: a generator of accounts
    /// for an evaluation instant (histories and holds are usually placed around it). Failing accounts still shrink.
    /// </summary>
    /// <param name="accountsAt">The accounts for an instant.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties WithAccounts(Func<Instant, Gen<BorrowerState>> accountsAt)
    {
        ArgumentNullException.ThrowIfNull(accountsAt);
        return new PolicyProperties(Policy, customEngine, constraints, accountsAt, persons, instants, ClosedLoopRounds);
    }

    /// <summary>
    /// Evaluates at instants of your own making instead of instants near the daylight-saving changes of the account's
    /// first zone (<see cref="CadenceArbitraries.InstantsNearTransitions(DateTimeZone)"/>).
    /// </summary>
    /// <param name="evaluationInstants">The instants.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties WithInstants(Gen<Instant> evaluationInstants)
    {
        ArgumentNullException.ThrowIfNull(evaluationInstants);
        return new PolicyProperties(Policy, customEngine, constraints, accounts, persons, evaluationInstants, ClosedLoopRounds);
    }

    /// <summary>Sets how many decisions <see cref="NeverViolatesInAClosedLoop"/> follows per account.</summary>
    /// <param name="rounds">At least 1.</param>
    /// <returns>New properties.</returns>
    public PolicyProperties WithClosedLoopRounds(int rounds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        return new PolicyProperties(Policy, customEngine, constraints, accounts, persons, instants, rounds);
    }

    /// <summary>
    /// Guarantee 1: a contact's <c>NotBefore</c> is at or after now, within the policy's horizon, and inside an allowed
    /// window in every zone of the borrower, under the policy and every constraint.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverOutsideAWindow()
        => SingleAccount(nameof(NeverOutsideAWindow), (s, d) =>
        {
            var problems = new List<string>();
            if (d.Kind is DecisionKind.Contact or DecisionKind.Escalate)
            {
                if (d.NotBefore is not { } notBefore)
                {
                    problems.Add($"a {d.Kind} decision has no NotBefore");
                }
                else if (notBefore < s.Now)
                {
                    problems.Add($"NotBefore {Describe.At(notBefore, s.Account, Policy)} is before now {Describe.At(s.Now, s.Account, Policy)}");
                }
                else if (notBefore > s.Now + Policy.Horizon)
                {
                    problems.Add($"NotBefore {Describe.At(notBefore, s.Account, Policy)} is beyond the policy's horizon of {Policy.Horizon} after now");
                }
            }

            return problems.Concat(Violations(s, d, ViolationKind.Window));
        });

    /// <summary>
    /// Guarantee 2: recording the decided contact at its <c>NotBefore</c>, whatever its outcome, breaks no cap, no
    /// cooldown and no step rule (its days, maximum attempts, repeat interval), under the policy and every constraint.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverBreaksACapOrCooldown()
        => SingleAccount(nameof(NeverBreaksACapOrCooldown), (s, d) => Violations(s, d, ViolationKind.Cap, ViolationKind.Cooldown, ViolationKind.Step));

    /// <summary>
    /// Guarantee 3: no decided contact uses a blocked channel: a missing or opted-out contact point, consent missing,
    /// a workplace restriction, a hold, or a channel exhausted by failures, under the policy and every constraint.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverUsesABlockedChannel()
        => SingleAccount(nameof(NeverUsesABlockedChannel), (s, d) => Violations(s, d, ViolationKind.Hold, ViolationKind.ContactPoint, ViolationKind.Exhaustion));

    /// <summary>
    /// Guarantee 4: the same inputs give the same decision, explanation included: whatever the order of the history,
    /// alone or in a batch (of any size, sequential or parallel, or streamed in chunks), and whatever the current
    /// culture. (The library never reads the machine's time zone: it is banned from its code.)
    /// </summary>
    /// <returns>The property.</returns>
    public Property IsDeterministic()
        => Prop.ForAll(Arb.From(Batches(), CadenceArbitraries.Shrink), s =>
        {
            var problems = new List<string>();
            var e = Engine;
            var expected = s.Accounts.Select(a => e.Evaluate(a, s.Now)).ToList();
            for (var i = 0; i < s.Accounts.Length; i++)
            {
                var a = s.Accounts[i];
                Compare(problems, "with its history reversed", a, expected[i], e.Evaluate(a with { History = [.. a.History.Reverse()] }, s.Now));
                var half = a.History.Length / 2;
                Compare(problems, "with its history rotated", a, expected[i], e.Evaluate(a with { History = [.. a.History.Skip(half), .. a.History.Take(half)] }, s.Now));
                foreach (var culture in AvailableCultures.Value)
                {
                    Compare(problems, "under culture " + culture.Name, a, expected[i], InCulture(culture, () => e.Evaluate(a, s.Now)));
                }
            }

            var thrice = s.Accounts.Concat(s.Accounts).Concat(s.Accounts).ToArray();
            foreach (var batchEngine in batchEngines.Value)
            {
                var batch = batchEngine.EvaluateBatch(thrice, s.Now);
                for (var i = 0; i < thrice.Length; i++)
                {
                    Compare(problems, $"in a batch of {thrice.Length} ({batchEngine.Description})", thrice[i], expected[i % s.Accounts.Length], i < batch.Length ? batch[i] : null);
                }
            }

            foreach (var chunk in new[] { 1, 2 })
            {
                var streamed = e.EvaluateStream(Async(thrice), s.Now, chunk).ToBlockingEnumerable().ToList();
                for (var i = 0; i < thrice.Length; i++)
                {
                    Compare(problems, $"streamed in chunks of {chunk}", thrice[i], expected[i % s.Accounts.Length], i < streamed.Count ? streamed[i] : null);
                }
            }

            return Verdict(nameof(IsDeterministic), problems, null);
        });

    /// <summary>
    /// Guarantee 6: bad input never becomes a contact: an account with an unknown zone, two contact points on one
    /// channel, a contact point without a channel, a hold that ends before it starts, or an attempt with an unknown
    /// outcome or channel gets an <see cref="DecisionKind.Error"/> decision, alone and in a batch; the batch answers
    /// every other account as if it were alone: one decision per account, in input order.
    /// </summary>
    /// <returns>The property.</returns>
    public Property AnswersEveryAccount()
        => Prop.ForAll(Arb.From(Batches(), CadenceArbitraries.Shrink), s =>
        {
            var problems = new List<string>();
            var e = Engine;
            var batch = new List<(BorrowerState Account, string? Corruption)>();
            foreach (var a in s.Accounts)
            {
                batch.Add((a, null));
                batch.AddRange(Corruptions(a, s.Now));
            }

            foreach (var (account, corruption) in batch.Where(b => b.Corruption is not null))
            {
                var alone = e.Evaluate(account, s.Now);
                if (alone.Kind != DecisionKind.Error)
                {
                    problems.Add($"account {account.AccountId} with {corruption}, evaluated alone, got {alone} instead of an error");
                }
            }

            var accountsOnly = batch.Select(b => b.Account).ToArray();
            foreach (var batchEngine in batchEngines.Value)
            {
                var decisions = batchEngine.EvaluateBatch(accountsOnly, s.Now);
                var answered = decisions.Count(d => d.AccountId is not null);
                if (decisions.Length != batch.Count || answered != batch.Count)
                {
                    problems.Add($"a batch of {batch.Count} accounts got {answered} decisions ({batchEngine.Description})");
                    continue;
                }

                for (var i = 0; i < batch.Count; i++)
                {
                    var (account, corruption) = batch[i];
                    var d = decisions[i];
                    if (d.AccountId != account.AccountId)
                    {
                        problems.Add($"decision {i} of the batch is for account {d.AccountId}, not {account.AccountId}: decisions are out of input order");
                    }
                    else if (corruption is not null && (d.Kind != DecisionKind.Error || d.Step is not null || d.NotBefore is not null))
                    {
                        problems.Add($"account {account.AccountId} with {corruption} got {d} in a batch instead of an error");
                    }
                    else if (corruption is null)
                    {
                        Compare(problems, $"in a batch with bad accounts ({batchEngine.Description})", account, e.Evaluate(account, s.Now), d);
                    }
                }
            }

            return Verdict(nameof(AnswersEveryAccount), problems, null);
        });

    /// <summary>
    /// Guarantee 5: following the decisions for a few rounds (<see cref="ClosedLoopRounds"/>) — making each contact at its
    /// <c>NotBefore</c> with a varying outcome, appending it to the history and deciding again just after it, or at the
    /// review instant of a wait — never produces a history the independent checker finds a violation in, of any kind,
    /// under the policy and every constraint; every <c>NotBefore</c> is at or after its decision's now.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverViolatesInAClosedLoop()
        => Prop.ForAll(Arb.From(AccountCases(), CadenceArbitraries.Shrink), s =>
        {
            var e = Engine;
            var account = s.Account;
            var now = s.Now;
            var made = new List<ProposedContacts.Made>();
            var rounds = new List<(Instant Now, Decision Decision)>();
            var problems = new List<string>();
            var offset = s.Account.History.Length;
            for (var round = 0; round < ClosedLoopRounds && now < s.Now + Duration.FromDays(90); round++)
            {
                var d = e.Evaluate(account, now);
                rounds.Add((now, d));
                if (d.Kind is DecisionKind.Contact or DecisionKind.Escalate && d.NotBefore is { } notBefore && d.Step is { } step)
                {
                    if (notBefore < now)
                    {
                        problems.Add($"round {round}: NotBefore {Describe.At(notBefore, account, Policy)} is before now {Describe.At(now, account, Policy)}");
                        break;
                    }

                    var outcome = step.Channel is null ? ContactOutcome.Sent : LoopOutcomes[(round + offset) % LoopOutcomes.Length];
                    var attempt = new ContactAttempt(notBefore, step.Channel ?? Channel.None, ContactDirection.Outbound, outcome, step.Id);
                    made.Add(new(attempt, now, d.LimitedContentVoicemail, $"round {round}"));
                    account = account with { History = account.History.Add(attempt) };
                    now = notBefore + Duration.FromMinutes(1);
                }
                else if (d.Kind is DecisionKind.Wait or DecisionKind.Suppressed && d.ReviewAt is { } review && review > now)
                {
                    now = review;
                }
                else
                {
                    break;
                }
            }

            foreach (var (finding, label) in checker.Value.CheckAll(s.Account, s.Now, made))
            {
                problems.Add($"{label}: {finding}");
            }

            var log = new StringBuilder();
            for (var i = 0; i < rounds.Count; i++)
            {
                log.Append(CultureInfo.InvariantCulture, $"round {i} at {Describe.At(rounds[i].Now, s.Account, Policy)}:").AppendLine();
                log.Append(Describe.Decision(rounds[i].Decision, s.Account, Policy));
            }

            return Verdict(nameof(NeverViolatesInAClosedLoop), problems, log.ToString());
        });

    /// <summary>
    /// Guarantee 6: nothing owed, nothing sent. The generated account made to owe nothing — an amount due of zero, a
    /// negative amount, no due date — decides <see cref="DecisionKind.None"/> whatever its holds and history: no contact,
    /// no escalation, no wait, no suppression.
    /// </summary>
    /// <returns>The property.</returns>
    public Property NeverContactsWhenNothingIsOwed()
        => SingleAccount(nameof(NeverContactsWhenNothingIsOwed), (s, _) =>
        {
            var currency = s.Account.AmountDue.Currency ?? "USD";
            (string Case, BorrowerState Account)[] owingNothing =
            [
                ("an amount due of 0", s.Account with { AmountDue = new Money(0m, currency) }),
                ("an amount due of -10", s.Account with { AmountDue = new Money(-10m, currency) }),
                ("no due date", s.Account with { DueDate = null }),
            ];
            return owingNothing
                .Select(c => (c.Case, Decision: Engine.Evaluate(c.Account, s.Now)))
                .Where(c => c.Decision.Kind != DecisionKind.None)
                .Select(c => $"with {c.Case} the account got {c.Decision} instead of none");
        });

    /// <summary>Every property above, each over its own generated cases.</summary>
    /// <returns>The property.</returns>
    public Property All()
        => NeverOutsideAWindow()
            .And(NeverBreaksACapOrCooldown())
            .And(NeverUsesABlockedChannel())
            .And(IsDeterministic())
            .And(AnswersEveryAccount())
            .And(NeverViolatesInAClosedLoop())
            .And(NeverContactsWhenNothingIsOwed());

    private Property SingleAccount(string name, Func<AccountScenario, Decision, IEnumerable<string>> problemsOf)
        => Prop.ForAll(Arb.From(AccountCases(), CadenceArbitraries.Shrink), s =>
        {
            var d = Engine.Evaluate(s.Account, s.Now);
            return Verdict(name, [.. problemsOf(s, d)], Describe.Decision(d, s.Account, Policy) + (d.Explanation is null ? "  (no explanation: the engine does not collect them)" + Environment.NewLine : string.Empty));
        });

    private IEnumerable<string> Violations(AccountScenario s, Decision d, params ViolationKind[] kinds)
        => checker.Value.Check(s.Account, s.Now, d).Where(f => kinds.Contains(f.Violation.Kind)).Select(f => f.ToString());

    private Property Verdict(string name, List<string> problems, string? details)
    {
        if (problems.Count == 0)
        {
            return Prop.ToProperty(true);
        }

        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"{name} does not hold for policy '{Policy.Name}'{(constraints.IsEmpty ? string.Empty : $" checked with [{string.Join(", ", constraints.Select(c => c.Name))}]")}:").AppendLine();
        if (details is not null)
        {
            s.Append(details);
        }

        s.Append("violations:").AppendLine();
        foreach (var p in problems.Distinct())
        {
            s.Append("  - ").Append(p).AppendLine();
        }

        return Prop.Label(false, s.ToString());
    }

    private Gen<Instant> InstantsFor(ImmutableArray<string> zones)
        => instants ?? CadenceArbitraries.InstantsNearTransitions(zones.IsEmpty ? Policy.DefaultZone ?? DateTimeZone.Utc : Policy.ZoneProvider.GetZoneOrNull(zones[0]) ?? DateTimeZone.Utc);

    private Gen<AccountScenario> AccountCases()
        => Cases(accounts, CadenceArbitraries.AccountScenariosFor(Policy, constraints), (zones, now) => CadenceArbitraries.AccountsFor(Policy, zones, now, constraints), (a, now) => new AccountScenario(Policy, a, now));

    /// <summary>
    /// The generated cases, or cases of the given accounts or persons (<paramref name="custom"/>) or instants
    /// (<see cref="WithInstants"/>): zones for the policy, an instant for them, an account or person for the instant.
    /// </summary>
    private Gen<TScenario> Cases<TItem, TScenario>(Func<Instant, Gen<TItem>>? custom, Gen<TScenario> generated, Func<ImmutableArray<string>, Instant, Gen<TItem>> generatedAt, Func<TItem, Instant, TScenario> scenario)
        => custom is null && instants is null
            ? generated
            : from zones in CadenceArbitraries.ZoneSetsFor(Policy)
              from now in InstantsFor(zones)
              from item in custom?.Invoke(now) ?? generatedAt(zones, now)
              select scenario(item, now);

    private Gen<Scenario> Batches()
    {
        if (accounts is null && instants is null)
        {
            return CadenceArbitraries.ScenariosFor(Policy, constraints);
        }

        return from zones in CadenceArbitraries.ZoneSetsFor(Policy)
               from now in InstantsFor(zones)
               from count in Gen.Choose(1, 4)
               from list in (accounts?.Invoke(now) ?? CadenceArbitraries.AccountsFor(Policy, zones, now, constraints)).ArrayOf(count)
               select new Scenario(Policy, [.. list.Select((a, i) => a with { AccountId = a.AccountId + "-" + i.ToString(CultureInfo.InvariantCulture) })], now);
    }

    /// <summary>Invalid copies of an account, each with a description of what is wrong.</summary>
    private IEnumerable<(BorrowerState, string?)> Corruptions(BorrowerState a, Instant now)
    {
        var id = a.AccountId;
        yield return (a with { AccountId = id + "-bad-zone", TimeZoneIds = [.. a.TimeZoneIds, "Not/AZone"] }, "an unknown zone");
        yield return (a with { AccountId = id + "-bad-points", ContactPoints = [.. a.ContactPoints, new ContactPoint(Channel.Letter), new ContactPoint(Channel.Letter)] }, "two contact points on one channel");
        yield return (a with { AccountId = id + "-bad-channel", ContactPoints = [.. a.ContactPoints.Where(p => p.Channel != Channel.Push), new ContactPoint(Channel.None)] }, "a contact point without a channel");
        yield return (a with { AccountId = id + "-bad-hold", Holds = [.. a.Holds, new Hold(HoldKind.Dispute, now, now - Duration.FromHours(1))] }, "a hold that ends before it starts");
        yield return (a with { AccountId = id + "-bad-outcome", History = [.. a.History, new ContactAttempt(now - Duration.FromHours(1), Channel.Call, ContactDirection.Outbound, (ContactOutcome)99)] }, "an attempt with an unknown outcome");
        yield return (a with { AccountId = id + "-bad-attempt-channel", History = [.. a.History, new ContactAttempt(now - Duration.FromHours(2), (Channel)42)] }, "an attempt with an unknown channel");
        if (Policy.DefaultZone is null)
        {
            yield return (a with { AccountId = id + "-no-zone", TimeZoneIds = [] }, "no zone while the policy has no default zone");
        }
    }

    private void Compare(List<string> problems, string how, BorrowerState account, Decision expected, Decision? actual)
    {
        if (actual is not { } d)
        {
            problems.Add($"account {account.AccountId} got no decision {how}");
            return;
        }

        var withExplanations = expected.Explanation is not null && d.Explanation is not null;
        if (Signature(expected, withExplanations) != Signature(d, withExplanations))
        {
            problems.Add($"account {account.AccountId} got a different decision {how}:{Environment.NewLine}    expected {Describe.Decision(expected, account, Policy)}    actual   {Describe.Decision(d, account, Policy)}");
        }
    }

    private static string Signature(Decision d, bool withExplanation)
        => string.Join(
            " | ",
            d.AccountId,
            d.Kind,
            d.Step?.Id,
            d.NotBefore?.ToString(),
            d.ReviewAt?.ToString(),
            d.SuppressedBy?.ToString(),
            d.Variant,
            d.LimitedContentVoicemail,
            d.Error?.Code,
            d.Error?.Message,
            withExplanation ? d.Explanation?.ToDisplayString() : null);

    private static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    private static CultureInfo? Culture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

#pragma warning disable CS1998 // An iterator over accounts already in memory.
    private static async IAsyncEnumerable<BorrowerState> Async(IEnumerable<BorrowerState> accounts)
    {
        foreach (var a in accounts)
        {
            yield return a;
        }
    }
#pragma warning restore CS1998
}
