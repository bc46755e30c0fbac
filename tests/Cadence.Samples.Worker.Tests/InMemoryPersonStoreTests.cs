using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class InMemoryPersonStoreTests
{
    [Fact]
    public void Load_SamplePortfolio_KeepsEveryReadableAccountAsAPersonInFileOrderAndLogsEachUnreadableLine()
    {
        var log = new ListLogger<InMemoryPersonStore>();

        var store = InMemoryPersonStore.Load(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"), log);

        Assert.Equal(34, store.PersonIds.Count);
        Assert.Equal(["PF-001", "PF-002", "PF-003"], store.PersonIds.Take(3));
        Assert.Equal(["PF-P34", "PF-P35", "PF-P36", "PF-P37"], store.PersonIds.TakeLast(4));
        Assert.DoesNotContain("PF-033", store.PersonIds);
        Assert.True(store.TryGet("PF-001", out var person));
        Assert.Equal(Person.FromAccount(SamplePortfolio.Account("PF-001")), person);
        Assert.Equal(
            [
                (LogLevel.Error, "Line 27 of the portfolio cannot be read and is left out: line 27, $: the text is not valid JSON at column 125: '\"' is invalid after a value. Expected either ',', '}', or ']'."),
                (LogLevel.Error, "Line 28 of the portfolio cannot be read and is left out: line 28, $: required property 'accountId' is missing"),
                (LogLevel.Error, "Line 33 of the portfolio cannot be read and is left out: line 33, contactPoints[1].channel: 'fax' is not one of email, sms, call, letter, visit, push"),
                (LogLevel.Information, "Loaded 34 persons with 39 accounts from sample-portfolio.jsonl (3 lines left out)"),
            ],
            log.Entries);
    }

    [Fact]
    public void Load_PersonsAndAccountsMixed_KeepsAPersonWithAllTheirAccountsAndAnAccountAsAPersonOfOne()
    {
        var log = new ListLogger<InMemoryPersonStore>();

        var store = InMemoryPersonStore.Load(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"), log);

        Assert.Equal(["P-100", "PF-007"], store.PersonIds);
        Assert.True(store.TryGet("P-100", out var person));
        Assert.Equal(["CARD-1", "LOAN-2"], person.Accounts.Select(a => a.AccountId));
        Assert.Equal(["cell", "home", "texts", "mail"], person.ContactPoints.Select(p => p.Id));
        Assert.True(store.TryGet("PF-007", out var single));
        Assert.Equal(["PF-007"], single.Accounts.Select(a => a.AccountId));
        Assert.Equal((LogLevel.Information, "Loaded 2 persons with 3 accounts from two-loans.jsonl (0 lines left out)"), Assert.Single(log.Entries));
    }

    [Fact]
    public void AppendAttempt_KnownPerson_AddsTheAttemptAtTheEndOfTheirHistory()
    {
        var store = new InMemoryPersonStore([SamplePortfolio.Person("P-100")]);
        var attempt = new ContactAttempt(SamplePortfolio.Start, Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer, "call-overdue") { ContactPointId = "cell", AccountIds = ["CARD-1"] };

        store.AppendAttempt("P-100", attempt);

        Assert.True(store.TryGet("P-100", out var person));
        Assert.Equal(3, person.History.Length);
        Assert.Same(attempt, person.History[^1]);
    }

    [Fact]
    public void AppendAttempt_UnknownPerson_Throws()
    {
        var store = new InMemoryPersonStore([]);

        var exception = Assert.Throws<KeyNotFoundException>(() => store.AppendAttempt("nobody", new ContactAttempt(Instant.FromUtc(2026, 1, 1, 0, 0), Channel.Sms)));

        Assert.Equal("No person 'nobody'.", exception.Message);
    }

    [Fact]
    public void Constructor_RepeatedPersonId_KeepsTheFirstState()
    {
        var first = new Person("P-1") { Tags = ["first"] };

        var store = new InMemoryPersonStore([first, new Person("P-1") { Tags = ["second"] }]);

        Assert.Equal(["P-1"], store.PersonIds);
        Assert.True(store.TryGet("P-1", out var person));
        Assert.Same(first, person);
    }
}
