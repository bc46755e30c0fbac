using NodaTime;

namespace Cadence.Testing.Tests.Support;

/// <summary>A broken engine: it decides a person as if some of their history had never happened.</summary>
internal sealed class ForgetfulEngine(CadencePolicy policy, Func<ContactAttempt, bool> forgets) : DelegatingEngine(new CadenceEngine(policy))
{
    /// <summary>Forgets every attempt about particular accounts (only those about all of them are kept).</summary>
    public static ForgetfulEngine OfAttemptsAboutAccounts(CadencePolicy policy) => new(policy, a => !a.AccountIds.IsEmpty);

    /// <summary>Forgets every attempt made on a known contact point (only those on no point in particular are kept).</summary>
    public static ForgetfulEngine OfAttemptsOnAPoint(CadencePolicy policy) => new(policy, a => a.ContactPointId is not null);

    public override Decision Evaluate(Person person, Instant now)
        => Inner.Evaluate(person with { History = [.. person.History.Where(a => !forgets(a))] }, now);
}

/// <summary>A broken engine: it does not see the holds of the person, or those of the accounts.</summary>
internal sealed class HoldBlindEngine(CadencePolicy policy, RuleScope scope) : DelegatingEngine(new CadenceEngine(policy))
{
    public override Decision Evaluate(Person person, Instant now)
        => Inner.Evaluate(
            scope == RuleScope.Person ? person with { Holds = [] } : person with { Accounts = [.. person.Accounts.Select(a => a with { Holds = [] })] },
            now);
}
