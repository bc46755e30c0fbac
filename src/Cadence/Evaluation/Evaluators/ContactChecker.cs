using System.Collections.Immutable;
using Cadence.CustomRules;
using Cadence.Evaluation.Blocks;
using Cadence.Evaluation.Placement;
using Cadence.Explanations;

namespace Cadence.Evaluation.Evaluators;

/// <summary>
/// Checks a contact the host proposes: the static blocks of its point and accounts (the same guards the evaluators
/// apply), then its placement from the instant asked about under every scope it touches — the person, each account it
/// is about, its contact point — iterated until every account agrees.
/// </summary>
internal sealed class ContactChecker(CompiledPolicy compiled)
{
    private const int MaxRounds = 1_000;

    private readonly ImmutableArray<CandidateGuard> guards = CandidateGuard.For(compiled);

    public ContactCheck Check(PersonFacts person, ProposedContact contact)
    {
        var policy = compiled.Policy;
        var stepIndex = -1;
        if (contact.StepId is { } stepId && !compiled.StepIndex.TryGetValue(stepId, out stepIndex))
        {
            return ContactCheck.Invalid($"person '{person.PersonId}': policy '{policy.Name}' has no step '{stepId}'");
        }

        if (stepIndex >= 0 && compiled.Steps[stepIndex].Channel != contact.Channel)
        {
            return ContactCheck.Invalid($"person '{person.PersonId}': step '{contact.StepId}' is not on {contact.Channel}");
        }

        if (contact.Channel == Channel.None || !Enum.IsDefined(contact.Channel))
        {
            return ContactCheck.Invalid($"person '{person.PersonId}': the proposed contact has no valid channel");
        }

        if (!TryPoint(person, contact, out var point, out var problem) || !TryAccounts(person, contact, out var accounts, out problem))
        {
            return ContactCheck.Invalid($"person '{person.PersonId}': {problem}");
        }

        var step = stepIndex >= 0 ? compiled.Steps[stepIndex] : CadenceStep.Contact("proposed", contact.Channel, string.Empty, int.MinValue, null);
        var reasons = new List<ExplanationReason>();
        foreach (var account in accounts)
        {
            foreach (var guard in guards)
            {
                if (guard.Blocks(account, step, stepIndex, point))
                {
                    reasons.Add(new ExplanationReason(guard.Name, guard.Reason, guard.Until(account)));
                }
            }
        }

        // A hold that lapses by itself defers the contact (placing it moves past the hold); any other block forbids it.
        if (reasons.Exists(r => r.Code != ReasonCode.HoldActive || r.Until is null))
        {
            return new ContactCheck(false, null, Distinct(reasons));
        }

        var now = person.Now;
        var t = now;
        var trace = reasons;
        for (var round = 0; round < MaxRounds; round++)
        {
            var start = t;
            foreach (var account in accounts)
            {
                // Not the step's day window: proposing the contact is the host's call; the horizon still limits it.
                var placement = TemporalSolver.Place(compiled, account, stepIndex, contact.Channel, point, null, t, trace);
                if (placement.NotBefore is not { } at)
                {
                    trace.Add(new ExplanationReason(placement.DropRule!, placement.DropReason, placement.DropUntil));
                    return new ContactCheck(false, null, Distinct(trace));
                }

                t = at;
            }

            if (t == start)
            {
                return new ContactCheck(t == now, t, t == now ? [] : Distinct(trace));
            }
        }

        return new ContactCheck(false, null, Distinct(trace));
    }

    private static bool TryPoint(PersonFacts person, ProposedContact contact, out ContactPoint? point, out string? problem)
    {
        point = null;
        problem = null;
        if (contact.ContactPointId is { } id)
        {
            point = person.FindContactPoint(id);
            problem = point is null ? $"the person has no contact point '{id}'"
                : point.Channel != contact.Channel ? $"contact point '{id}' is not on {contact.Channel}"
                : null;
            return problem is null;
        }

        foreach (var p in person.ContactPoints)
        {
            if (p.Channel != contact.Channel)
            {
                continue;
            }

            if (point is not null)
            {
                problem = $"the person has several contact points on {contact.Channel}: name the one to use";
                return false;
            }

            point = p;
        }

        return true;
    }

    private static bool TryAccounts(PersonFacts person, ProposedContact contact, out List<AccountFacts> accounts, out string? problem)
    {
        accounts = [];
        problem = null;
        if (contact.AccountIds.IsEmpty)
        {
            accounts.AddRange(person.Accounts);
            return true;
        }

        foreach (var id in contact.AccountIds)
        {
            var found = person.Accounts.FirstOrDefault(a => string.Equals(a.AccountId, id, StringComparison.Ordinal));
            if (found is null)
            {
                problem = $"the person has no account '{id}'";
                return false;
            }

            if (!accounts.Contains(found))
            {
                accounts.Add(found);
            }
        }

        return true;
    }

    /// <summary>The reasons without repeats (several accounts give the same), in the order first met.</summary>
    private ImmutableArray<ExplanationReason> Distinct(List<ExplanationReason> reasons) => [.. reasons.Distinct().Select(compiled.Names.WithSources)];
}
