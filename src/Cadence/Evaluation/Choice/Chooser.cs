using System.Collections.Immutable;
using Cadence.CustomRules;
using Cadence.Evaluation.Placement;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// The last stages for one person: candidates (an account, a step, a contact point), fed one at a time with their
/// blocks, are placed in time when unblocked (<see cref="TemporalSolver"/>); each account's best is kept by the
/// policy's order (<see cref="Selection"/>); the person's contact is the best of the accounts' contacts (bundled with
/// other accounts when its step allows), escalations due on other accounts are listed beside it, and without any the
/// person waits, is suppressed or has nothing due (<see cref="IdleDecision"/>). Shared by both evaluators; reused from
/// person to person, it creates no objects unless explanations are collected or a person has several accounts with
/// something to list or bundle.
/// </summary>
internal sealed class Chooser(CompiledPolicy compiled)
{
    private readonly ExplanationRecorder recorder = new();
    private readonly List<Placed> placed = [];
    private PersonFacts person = null!;
    private bool explain;
    private BlockSummary[] blocks = new BlockSummary[1];
    private bool[] beyondHorizon = new bool[1];
    private int[] best = new int[1];
    private int[] byId = new int[1];
    private (CadenceStep Step, string AccountId, Instant NotBefore)[] escalationBuffer = new (CadenceStep, string, Instant)[1];

    // The candidate being fed.
    private AccountFacts account = null!;
    private int step;
    private ContactPoint? point;
    private string proposedBy = string.Empty;
    private Instant? windowEnd;
    private bool blocked;
    private List<ExplanationReason>? reasons;

    // The last placement without explanations, reused for the same step about the same account on another point when
    // the policy places candidates regardless of their point (CompiledPolicy.PlacementIgnoresPoint).
    private int placedAccount = -1;
    private int placedStep = -1;
    private Instant? placedWindowEnd;
    private Placement.Placement lastPlacement;

    /// <summary>Lets go of the last person's candidates and contact points, before the workspace goes back to the pool.</summary>
    public void Forget()
    {
        placed.Clear();
        point = null;
        account = null!;
        placedAccount = -1;
        placedStep = -1;
    }

    public void Begin(PersonFacts personFacts, bool withExplanation)
    {
        person = personFacts;
        explain = withExplanation;
        placed.Clear();
        var n = personFacts.Accounts.Count;
        if (blocks.Length < n)
        {
            blocks = new BlockSummary[n];
            beyondHorizon = new bool[n];
            best = new int[n];
            byId = new int[n];
            escalationBuffer = new (CadenceStep, string, Instant)[n];
        }

        for (var a = 0; a < n; a++)
        {
            blocks[a].Reset();
            beyondHorizon[a] = false;
            best[a] = -1;
        }

        if (explain)
        {
            recorder.Clear();
        }

        placedAccount = -1;
    }

    /// <summary>Starts a candidate: the step at <paramref name="stepIndex"/> about <paramref name="accountFacts"/> on <paramref name="contactPoint"/>, proposed by a rule.</summary>
    public void BeginCandidate(AccountFacts accountFacts, int stepIndex, ContactPoint? contactPoint, string candidateProposedBy, Instant? candidateWindowEnd)
    {
        account = accountFacts;
        step = stepIndex;
        point = contactPoint;
        proposedBy = candidateProposedBy;
        windowEnd = candidateWindowEnd;
        blocked = false;
        reasons = explain ? [] : null;
        blocks[account.Index].BeginCandidate();
    }

    /// <summary>Blocks the current candidate; <paramref name="holdRule"/> is the policy's hold rule applied, or -1.</summary>
    public void Block(string ruleName, ReasonCode reason, Instant? until, int holdRule = -1)
    {
        blocked = true;
        reasons?.Add(new ExplanationReason(ruleName, reason, until));
        var kind = reason != ReasonCode.HoldActive ? default : holdRule >= 0 ? compiled.Policy.HoldRules[holdRule].Kind : new HoldKind(ruleName);
        blocks[account.Index].Block(person.Now, ruleName, reason, until, kind);
    }

    public void EndCandidate()
    {
        var a = account.Index;
        if (blocked)
        {
            blocks[a].Blocked();
            if (reasons is not null)
            {
                reasons.Sort(static (x, y) => string.CompareOrdinal(x.RuleName, y.RuleName));
                recorder.Rejected(compiled, person.Single is null ? account.AccountId : null, step, person.Single is null ? point?.Id : null, proposedBy, CandidateStatus.Blocked, reasons);
            }

            return;
        }

        blocks[a].Free();
        Placement.Placement placement;
        if (reasons is null && compiled.PlacementIgnoresPoint && placedAccount == a && placedStep == step && placedWindowEnd == windowEnd)
        {
            placement = lastPlacement;
        }
        else
        {
            placement = TemporalSolver.Place(compiled, account, step, point, windowEnd, reasons);
            if (reasons is null)
            {
                (placedAccount, placedStep, placedWindowEnd, lastPlacement) = (a, step, windowEnd, placement);
            }
        }

        if (placement.NotBefore is not { } notBefore)
        {
            beyondHorizon[a] |= placement.DropReason == ReasonCode.BeyondHorizon;
            if (reasons is not null)
            {
                reasons.Add(new ExplanationReason(placement.DropRule!, placement.DropReason, placement.DropUntil));
                recorder.Rejected(compiled, person.Single is null ? account.AccountId : null, step, person.Single is null ? point?.Id : null, proposedBy, CandidateStatus.Dropped, reasons);
            }

            return;
        }

        placed.Add(new Placed(account, step, point, proposedBy, windowEnd, notBefore, reasons));
        if (best[a] < 0 || Outranks(placed.Count - 1, best[a]))
        {
            best[a] = placed.Count - 1;
        }
    }

    public Decision Finish()
    {
        var decision = Decide();
        return person.Single is null ? decision with { AboutPerson = true } : decision;
    }

    private Decision Decide()
    {
        var n = person.Accounts.Count;

        // The person's contact: the best of the accounts' own best actions that are contacts; without one, the best
        // escalation. An escalation due on one account never holds back a contact about another.
        var primary = -1;
        for (var pass = 0; pass < 2 && primary < 0; pass++)
        {
            for (var a = 0; a < n; a++)
            {
                var b = best[a];
                if (b >= 0 && (pass == 1 || compiled.Steps[placed[b].Step].Channel is not null) && (primary < 0 || Outranks(b, primary)))
                {
                    primary = b;
                }
            }
        }

        if (primary >= 0)
        {
            return Act(primary, n);
        }

        return Idle(n);
    }

    /// <summary>The decision to take <see cref="placed"/>[<paramref name="primary"/>], with its bundle and the other accounts' escalations.</summary>
    private Decision Act(int primary, int n)
    {
        var chosen = placed[primary];
        var chosenStep = compiled.Steps[chosen.Step];
        List<int>? bundled = chosenStep.Bundle && n > 1 ? Bundle(primary) : null;

        // The other accounts' escalations, by account id, gathered in a buffer the chooser keeps: the decision holds up
        // to two inside itself, so listing them allocates nothing on the hot path.
        var escalations = DecisionEscalations.Empty;
        List<int>? listed = null;
        if (n > 1)
        {
            SortAccountsById(n);
            var count = 0;
            for (var k = 0; k < n; k++)
            {
                var a = byId[k];
                var b = best[a];
                if (b < 0 || b == primary || !compiled.Steps[placed[b].Step].IsEscalation || a == chosen.Account.Index || InBundle(bundled, a))
                {
                    continue;
                }

                if (explain)
                {
                    (listed ??= []).Add(b);
                }

                var e = placed[b];
                escalationBuffer[count++] = (compiled.Steps[e.Step], e.Account.AccountId, e.NotBefore);
            }

            escalations = DecisionEscalations.Of(person.PersonId, escalationBuffer.AsSpan(0, count));
            escalationBuffer.AsSpan(0, count).Clear();
        }

        DecisionExplanation? explanation = null;
        if (explain)
        {
            var won = new HashSet<int> { primary };
            won.UnionWith(bundled ?? []);
            won.UnionWith(listed ?? []);
            explanation = recorder.Explain(compiled, placed, won, chosenStep.Id, [], aboutPerson: person.Single is null);
        }

        var decision = new Decision(
            chosenStep.IsEscalation ? DecisionKind.Escalate : DecisionKind.Contact,
            person.PersonId,
            chosenStep,
            chosen.NotBefore,
            null,
            null,
            null,
            explanation,
            limitedContentVoicemail: chosenStep.Channel == Channel.Call && compiled.Policy.LimitedContentVoicemail)
        {
            ContactPointId = chosen.Point?.Id,
            Escalations = escalations,
        };

        if (bundled is null || bundled.Count == 1)
        {
            return decision with { SoleAccountId = chosen.Account.AccountId };
        }

        var ids = bundled.Select(i => placed[i].Account.AccountId).Order(StringComparer.Ordinal).ToImmutableArray();
        return decision with { AccountIds = ids };
    }

    /// <summary>Whether the contact's bundle serves account <paramref name="account"/> (no closure: this runs per person).</summary>
    private bool InBundle(List<int>? bundled, int account)
    {
        if (bundled is null)
        {
            return false;
        }

        foreach (var i in bundled)
        {
            if (placed[i].Account.Index == account)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The candidates one contact of a bundling step serves: the chosen one, and every other account's candidate of the
    /// same step on the same point placed no later than the chosen instant and allowed at that instant under its own
    /// account's caps, cooldowns, repeat interval and holds. The others are left out, not waited for.
    /// </summary>
    private List<int> Bundle(int primary)
    {
        var chosen = placed[primary];
        var bundle = new List<int> { primary };
        var included = new HashSet<int> { chosen.Account.Index };
        for (var i = 0; i < placed.Count; i++)
        {
            var c = placed[i];
            if (c.Step != chosen.Step || !ReferenceEquals(c.Point, chosen.Point) || c.NotBefore > chosen.NotBefore || included.Contains(c.Account.Index))
            {
                continue;
            }

            var at = TemporalSolver.Place(compiled, c.Account, c.Step, compiled.Steps[c.Step].Channel, c.Point, c.WindowEnd, chosen.NotBefore, null);
            if (at.NotBefore == chosen.NotBefore)
            {
                bundle.Add(i);
                included.Add(c.Account.Index);
            }
        }

        return bundle;
    }

    /// <summary>No candidate was placed: each account's own wait, suppression or nothing-due, combined for the person.</summary>
    private Decision Idle(int n)
    {
        var why = explain ? new List<ExplanationReason>() : null;
        if (n == 1)
        {
            var (kind, reviewAt, heldBy) = IdleDecision.Decide(compiled, person.Accounts[0], blocks[0], beyondHorizon[0], why);
            return new Decision(kind, person.PersonId, null, null, reviewAt, heldBy, null, why is null ? null : recorder.Explain(compiled, placed, null, null, [.. why]));
        }

        // The person waits until the first account could change; is suppressed only when every account that owes
        // anything is (until the first suppression lapses); has nothing due only when no account has.
        SortAccountsById(n);
        var anyWait = false;
        var anySuppressed = false;
        Instant? review = null;
        Instant? suppressedUntil = null;
        var suppressedForever = true;
        HoldKind? suppressedBy = null;
        for (var k = 0; k < n; k++)
        {
            var a = byId[k];
            var (kind, reviewAt, by) = IdleDecision.Decide(compiled, person.Accounts[a], blocks[a], beyondHorizon[a], why);
            switch (kind)
            {
                case DecisionKind.Wait:
                    anyWait = true;
                    review = Earlier(review, reviewAt);
                    break;
                case DecisionKind.Suppressed:
                    anySuppressed = true;
                    suppressedBy ??= by;
                    if (reviewAt is { } until)
                    {
                        if (suppressedForever || until < suppressedUntil)
                        {
                            suppressedUntil = until;
                            suppressedBy = by;
                        }

                        suppressedForever = false;
                        review = Earlier(review, until);
                    }

                    break;
            }
        }

        var explanation = why is null ? null : recorder.Explain(compiled, placed, null, null, [.. why]);
        return anyWait ? new Decision(DecisionKind.Wait, person.PersonId, null, null, review, null, null, explanation)
            : anySuppressed ? new Decision(DecisionKind.Suppressed, person.PersonId, null, null, suppressedUntil, suppressedBy, null, explanation)
            : new Decision(DecisionKind.None, person.PersonId, null, null, null, null, null, explanation);

        static Instant? Earlier(Instant? a, Instant? b) => a is null ? b : b is null ? a : a < b ? a : b;
    }

    /// <summary>
    /// Whether <see cref="placed"/>[<paramref name="x"/>] ranks above [<paramref name="y"/>]: by the policy's order, then
    /// declaration order, then the policy's contact-point preference by kind, then contact-point id, then account id.
    /// </summary>
    private bool Outranks(int x, int y)
    {
        var all = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(placed);
        ref readonly var a = ref all[x];
        ref readonly var b = ref all[y];
        var order = compiled.Policy.SelectionOrder;
        var steps = compiled.Steps;
        if (Selection.Ranks(order, steps[a.Step], a.NotBefore, steps[b.Step], b.NotBefore))
        {
            return true;
        }

        if (Selection.Ranks(order, steps[b.Step], b.NotBefore, steps[a.Step], a.NotBefore))
        {
            return false;
        }

        if (a.Step != b.Step)
        {
            return a.Step < b.Step;
        }

        if (!ReferenceEquals(a.Point, b.Point) && a.Point is not null && b.Point is not null)
        {
            var byKind = Preference(a.Point.Kind).CompareTo(Preference(b.Point.Kind));
            if (byKind != 0)
            {
                return byKind < 0;
            }

            var byPoint = string.CompareOrdinal(a.Point.Id, b.Point.Id);
            if (byPoint != 0)
            {
                return byPoint < 0;
            }
        }

        return string.CompareOrdinal(a.Account.AccountId, b.Account.AccountId) < 0;
    }

    /// <summary>The rank of a kind of contact point in the policy's preference: listed kinds first, then the others by their order.</summary>
    private int Preference(ContactPointKind kind)
    {
        var preference = compiled.Policy.ContactPointPreference;
        var i = preference.IndexOf(kind);
        return i >= 0 ? i : preference.Length + (int)kind;
    }

    /// <summary>Orders the accounts' positions by account id (ordinally) into <see cref="byId"/>, without allocating.</summary>
    private void SortAccountsById(int n)
    {
        for (var i = 0; i < n; i++)
        {
            var id = person.Accounts[i].AccountId;
            var j = i;
            while (j > 0 && string.CompareOrdinal(person.Accounts[byId[j - 1]].AccountId, id) > 0)
            {
                byId[j] = byId[j - 1];
                j--;
            }

            byId[j] = i;
        }
    }
}
