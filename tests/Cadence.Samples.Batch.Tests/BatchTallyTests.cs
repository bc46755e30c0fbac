using Cadence.Json;
using NodaTime;

namespace Cadence.Samples.Batch.Tests;

public sealed class BatchTallyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 14, 30);

    [Fact]
    public void Add_Decisions_CountsKindsAndSplitsContactsIntoDueNowAndLater()
    {
        var policy = PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json"));
        var engine = new CadenceEngine(policy);
        BorrowerState[] accounts =
        [
            Account("NOW", "America/New_York"), // 10:30 in New York: the reminder e-mail now
            Account("LATER", "Pacific/Honolulu"), // 04:30 in Honolulu: the e-mail at 08:00 there
            new("PAID") { TimeZoneIds = ["America/New_York"] },
        ];
        var tally = new BatchTally();

        Person[] persons = [.. accounts.Select(Person.FromAccount)];

        tally.Add(persons, engine.EvaluateBatch(persons, Now, TestContext.Current.CancellationToken), Now);

        Assert.Equal((3, 3, 2, 1), (tally.Total, tally.Accounts, tally.Decisions(DecisionKind.Contact), tally.Decisions(DecisionKind.None)));
        Assert.Equal([KeyValuePair.Create(Channel.Email, (1L, 1L))], tally.Contacts);
        Assert.Empty(tally.Escalations);
    }

    [Fact]
    public void Unreadable_Line_CountsAnErrorDecisionAndKeepsTheFirstProblems()
    {
        var tally = new BatchTally();

        for (var line = 1; line <= 5; line++)
        {
            tally.Unreadable(PersonJson.Read("{", line));
        }

        Assert.Equal((5, 5, 5, 5), (tally.Total, tally.Accounts, tally.UnreadableLines, tally.Decisions(DecisionKind.Error)));
        Assert.Equal(BatchTally.UnreadableKept, tally.UnreadableShown.Count);
        Assert.StartsWith("line 1, $: ", tally.UnreadableShown[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Add_PersonOfTwoAccounts_CountsOnePersonTwoAccountsTheContactAndTheEscalationItListsOnTheOtherAccount()
    {
        var policy = PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", "acme-us.policy.json"));
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"));
        Person[] persons = [PersonJson.ReadLines(reader).First().Person!];
        var tally = new BatchTally();

        tally.Add(persons, new CadenceEngine(policy).EvaluateBatch(persons, Now, TestContext.Current.CancellationToken), Now);

        Assert.Equal((1, 2), (tally.Total, tally.Accounts));
        Assert.Equal((1, 2), (tally.Decisions(DecisionKind.Contact), tally.AccountsDecided(DecisionKind.Contact)));
        Assert.Equal([KeyValuePair.Create(Channel.Call, (1L, 0L))], tally.Contacts);
        Assert.Equal([KeyValuePair.Create("credit-bureau-notice", (1L, 0L))], tally.Escalations);
    }

    private static BorrowerState Account(string id, string zone) => new(id)
    {
        TimeZoneIds = [zone],
        DueDate = new LocalDate(2026, 3, 14),
        AmountDue = new Money(100, "USD"),
        ContactPoints = [new ContactPoint(Channel.Email)],
    };
}
