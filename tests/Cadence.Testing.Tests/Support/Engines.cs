using Cadence.CustomRules;
using NRules.Fluent.Dsl;
using NodaTime;

namespace Cadence.Testing.Tests.Support;

/// <summary>A lender's own rule layer around an engine: every evaluation goes through one of its <c>Evaluate</c> methods.</summary>
internal abstract class DelegatingEngine(ICadenceEngine inner) : ICadenceEngine
{
    protected ICadenceEngine Inner { get; } = inner;

    public CadencePolicy Policy => Inner.Policy;

    public string Description => GetType().Name + " around " + Inner.Description;

    public virtual Decision Evaluate(BorrowerState account, Instant now) => Inner.Evaluate(account, now);

    public virtual Decision Evaluate(Person person, Instant now) => Inner.Evaluate(person, now);

    public IClock? Clock => null;

    public virtual void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        var results = destination.Span;
        for (var i = 0; i < accounts.Count; i++)
        {
            results[i] = Evaluate(accounts[i], now);
        }
    }
}

/// <summary>
/// "Borrowers without autopay work days: call them at 22:30." For those accounts, a call the policy decided is replaced
/// by the decision of a night-shift engine (the policy's call steps without windows) evaluated at 22:30 local time.
/// </summary>
internal sealed class CallAfterWorkEngine(CadencePolicy policy) : DelegatingEngine(new CadenceEngine(policy))
{
    private readonly CadenceEngine nightShift = new(LenderPolicies.CallsAtAnyHour(policy));

    public override Decision Evaluate(BorrowerState account, Instant now)
    {
        var decision = Inner.Evaluate(account, now);
        if (decision.Kind != DecisionKind.Contact || decision.Channel != Channel.Call || account.Autopay)
        {
            return decision;
        }

        var zone = account.TimeZoneIds.IsEmpty ? Policy.DefaultZone! : DateTimeZoneProviders.Tzdb[account.TimeZoneIds[0]];
        var date = decision.NotBefore!.Value.InZone(zone).Date;
        var evening = zone.AtLeniently(date + new LocalTime(22, 30)).ToInstant();
        if (evening < now)
        {
            evening = zone.AtLeniently(date.PlusDays(1) + new LocalTime(22, 30)).ToInstant();
        }

        var late = nightShift.Evaluate(account, evening);
        return late.Kind == DecisionKind.Contact ? late : decision;
    }
}

/// <summary>A broken engine: it reads only the first entry of the history it is given, so its decisions depend on the order.</summary>
internal sealed class FirstAttemptOnlyEngine(CadencePolicy policy) : DelegatingEngine(new CadenceEngine(policy))
{
    public override Decision Evaluate(BorrowerState account, Instant now)
        => Inner.Evaluate(account with { History = [.. account.History.Take(1)] }, now);
}

/// <summary>A broken engine: it evaluates every account as if it owed 100, whatever its amount due.</summary>
internal sealed class AmountIgnoringEngine(CadencePolicy policy) : DelegatingEngine(new CadenceEngine(policy))
{
    public override Decision Evaluate(BorrowerState account, Instant now)
        => Inner.Evaluate(account with { AmountDue = new Money(100m, account.AmountDue.Currency ?? "USD") }, now);
}

/// <summary>A broken engine: its batches leave out the accounts it could not evaluate.</summary>
internal sealed class ErrorDroppingEngine(CadencePolicy policy) : DelegatingEngine(new CadenceEngine(policy))
{
    public override void EvaluateBatch(IReadOnlyList<BorrowerState> accounts, Memory<Decision> destination, Instant now, CancellationToken cancellationToken = default)
    {
        var kept = accounts.Select(a => Evaluate(a, now)).Where(d => d.Kind != DecisionKind.Error).ToArray();
        kept.CopyTo(destination);
    }
}

/// <summary>A lender's NRules rule: at night (21:00–08:00 in the borrower's first zone), propose the overdue call.</summary>
public sealed class CallAtNightRule : Rule
{
    public override void Define()
    {
        AccountFacts facts = null!;
        Name("call-at-night");
        When().Match(() => facts, f => IsNight(f));
        Then().Do(ctx => ctx.Insert(facts.Propose("call-overdue", "call-at-night")));
    }

    private static bool IsNight(AccountFacts facts) => facts.Now.InZone(facts.PrimaryZone).Hour is >= 21 or < 8;
}
