using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class LoggingContactDispatcherTests
{
    private static readonly Instant Start = SamplePortfolio.Start;

    [Fact]
    public async Task DispatchAsync_Contact_LogsItAndAppendsTheAttemptOnItsPointAboutItsAccountToTheHistory()
    {
        var person = SamplePortfolio.Person("PF-001");
        var store = new InMemoryPersonStore([person]);
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        await new LoggingContactDispatcher(store, log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.True(store.TryGet("PF-001", out var stored));
        Assert.Equal(
            [new ContactAttempt(Start, Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-pre-due") { ContactPointId = "email", AccountIds = ["PF-001"] }],
            stored.History);
        Assert.Equal([(LogLevel.Information, "2026-03-09T14:30:00Z PF-001: Email on email about PF-001, 'pre-due-reminder' for step email-pre-due, Delivered")], log.Entries);
    }

    [Fact]
    public async Task DispatchAsync_ContactWithATwoAccountPerson_RecordsItOnTheChosenPointAboutTheDecisionsAccountOnly()
    {
        var person = SamplePortfolio.Person("P-100");
        var store = new InMemoryPersonStore([person]);
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        await new LoggingContactDispatcher(store, log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.True(store.TryGet("P-100", out var stored));
        Assert.Equal(
            new ContactAttempt(Start, Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer, "call-overdue") { ContactPointId = "cell", AccountIds = ["CARD-1"] },
            stored.History[^1]);
        Assert.Equal("2026-03-09T14:30:00Z P-100: Call on cell about CARD-1, 'overdue-call' for step call-overdue, NoAnswer", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public async Task DispatchAsync_Escalation_AppendsAnAttemptWithoutAChannelForItsStepAboutItsAccounts()
    {
        var person = SamplePortfolio.Person("PF-014");
        var store = new InMemoryPersonStore([person]);
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        await new LoggingContactDispatcher(store, log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.True(store.TryGet("PF-014", out var stored));
        Assert.Equal(new ContactAttempt(Start, Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "bureau-notice") { AccountIds = ["PF-014"] }, stored.History[^1]);
        Assert.Equal("2026-03-09T14:30:00Z PF-014: PF-014 escalated to credit-bureau-notice for step bureau-notice", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public async Task DispatchAsync_Wait_ThrowsAndRecordsNothing()
    {
        var person = SamplePortfolio.Person("PF-017");
        var store = new InMemoryPersonStore([person]);
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            async () => await new LoggingContactDispatcher(store, new ListLogger<LoggingContactDispatcher>()).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken));

        Assert.Equal("Only a contact or an escalation is dispatched, not Wait. (Parameter 'action')", exception.Message);
        Assert.True(store.TryGet("PF-017", out var stored));
        Assert.Empty(stored.History);
    }
}
