using Cadence.Json;
using Cadence.Ledger;
using NodaTime;

namespace Cadence.Samples.Worker.Tests.Support;

/// <summary>The sample lender's US policy, accounts of the sample portfolio and persons of <c>two-loans.jsonl</c>, at the portfolio's instant.</summary>
internal static class SamplePortfolio
{
    /// <summary>Monday 9 March 2026, 14:30 UTC: 10:30 in New York, 04:30 in Honolulu.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 9, 14, 30);

    private static readonly Lazy<CadencePolicy> LazyPolicy = new(() => PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json")));

    private static readonly Lazy<Dictionary<string, BorrowerState>> Accounts = new(() =>
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"));
        return AccountJson.ReadLines(reader).Where(l => l.Success).Select(l => l.Account!).ToDictionary(a => a.AccountId);
    });

    private static readonly Lazy<Dictionary<string, Person>> Persons = new(() =>
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"));
        return PersonJson.ReadLines(reader).Where(l => l.Person is not null).Select(l => l.Person!).ToDictionary(p => p.PersonId);
    });

    public static CadencePolicy Policy => LazyPolicy.Value;

    /// <summary>The same policy file, as a ledger's evidence.</summary>
    public static LedgerPolicy LedgerPolicy { get; } = LedgerPolicy.FromFile(Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json"));

    public static CadenceEngine Engine() => new(Policy, new CadenceEngineOptions { IncludeExplanations = false });

    /// <summary>An account of the sample portfolio: PF-001 (e-mail now), PF-002 (e-mail at 08:00 in Honolulu), PF-014 (escalation now), PF-017 (wait until D-7), PF-024 (nothing owed), PF-026 (unknown zone)…</summary>
    public static BorrowerState Account(string id) => Accounts.Value[id];

    /// <summary>
    /// A person: P-100 of <c>two-loans.jsonl</c> (a card account CARD-1 and a loan LOAN-2 long overdue, two call points,
    /// a text point and a postal address), or an account of the sample portfolio as a person of one account.
    /// </summary>
    public static Person Person(string id) => Persons.Value.TryGetValue(id, out var person) ? person : Cadence.Person.FromAccount(Account(id));
}
