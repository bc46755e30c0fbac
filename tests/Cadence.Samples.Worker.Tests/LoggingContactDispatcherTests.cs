using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class LoggingContactDispatcherTests
{
    private static readonly Instant Start = SamplePortfolio.Start;

    [Fact]
    public async Task DispatchAsync_Email_LogsItOnItsPointAboutItsAccountAndReportsItDelivered()
    {
        var person = SamplePortfolio.Person("PF-001");
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        var outcome = await new LoggingContactDispatcher(log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.Equal(ContactOutcome.Delivered, outcome);
        Assert.Equal([(LogLevel.Information, "2026-03-09T14:30:00Z PF-001: Email on email about PF-001, 'pre-due-reminder' for step email-pre-due, Delivered")], log.Entries);
    }

    [Fact]
    public async Task DispatchAsync_CallToATwoAccountPerson_LogsItOnTheChosenPointAboutTheDecisionsAccountOnlyAndReportsNoAnswer()
    {
        var person = SamplePortfolio.Person("P-100");
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        var outcome = await new LoggingContactDispatcher(log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.Equal(ContactOutcome.NoAnswer, outcome);
        Assert.Equal("2026-03-09T14:30:00Z P-100: Call on cell about CARD-1, 'overdue-call' for step call-overdue, NoAnswer", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public async Task DispatchAsync_Escalation_LogsItAboutItsAccountsAndReportsItSent()
    {
        var person = SamplePortfolio.Person("PF-014");
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        var outcome = await new LoggingContactDispatcher(log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken);

        Assert.Equal(ContactOutcome.Sent, outcome);
        Assert.Equal("2026-03-09T14:30:00Z PF-014: PF-014 escalated to credit-bureau-notice for step bureau-notice", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public async Task DispatchAsync_Wait_ThrowsAndLogsNothing()
    {
        var person = SamplePortfolio.Person("PF-017");
        var log = new ListLogger<LoggingContactDispatcher>();
        var decision = SamplePortfolio.Engine().Evaluate(person, Start);

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            async () => await new LoggingContactDispatcher(log).DispatchAsync(person, decision, Start, TestContext.Current.CancellationToken));

        Assert.Equal("Only a contact or an escalation is dispatched, not Wait. (Parameter 'action')", exception.Message);
        Assert.Empty(log.Entries);
    }
}
