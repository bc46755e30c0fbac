using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class LoggingContactDispatcherTests
{
    private static readonly Instant Start = SamplePortfolio.Start;

    [Fact]
    public async Task DispatchAsync_Contact_LogsItAndAppendsTheAttemptToTheAccountsHistory()
    {
        var store = new InMemoryAccountStore([SamplePortfolio.Account("PF-001")]);
        var log = new ListLogger<LoggingContactDispatcher>();
        var dispatcher = new LoggingContactDispatcher(store, log);
        var account = SamplePortfolio.Account("PF-001");
        var decision = SamplePortfolio.Engine().Evaluate(account, Start);

        await dispatcher.DispatchAsync(account, decision, Start, TestContext.Current.CancellationToken);

        Assert.True(store.TryGet("PF-001", out var stored));
        Assert.Equal([new ContactAttempt(Start, Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered, "email-pre-due")], stored.History);
        Assert.Equal([(LogLevel.Information, "2026-03-09T14:30:00Z PF-001: Email 'pre-due-reminder' for step email-pre-due, Delivered")], log.Entries);
    }

    [Fact]
    public async Task DispatchAsync_Escalation_AppendsAnAttemptWithoutAChannelForItsStep()
    {
        var store = new InMemoryAccountStore([SamplePortfolio.Account("PF-014")]);
        var log = new ListLogger<LoggingContactDispatcher>();
        var account = SamplePortfolio.Account("PF-014");
        var decision = SamplePortfolio.Engine().Evaluate(account, Start);

        await new LoggingContactDispatcher(store, log).DispatchAsync(account, decision, Start, TestContext.Current.CancellationToken);

        Assert.True(store.TryGet("PF-014", out var stored));
        Assert.Equal(new ContactAttempt(Start, Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "bureau-notice"), stored.History[^1]);
        Assert.Equal("2026-03-09T14:30:00Z PF-014: escalated to credit-bureau-notice for step bureau-notice", Assert.Single(log.Entries).Message);
    }

    [Fact]
    public async Task DispatchAsync_Wait_ThrowsAndRecordsNothing()
    {
        var store = new InMemoryAccountStore([SamplePortfolio.Account("PF-017")]);
        var account = SamplePortfolio.Account("PF-017");
        var decision = SamplePortfolio.Engine().Evaluate(account, Start);

        var exception = await Assert.ThrowsAsync<ArgumentException>(
            async () => await new LoggingContactDispatcher(store, new ListLogger<LoggingContactDispatcher>()).DispatchAsync(account, decision, Start, TestContext.Current.CancellationToken));

        Assert.Equal("Only a contact or an escalation is dispatched, not Wait. (Parameter 'decision')", exception.Message);
        Assert.True(store.TryGet("PF-017", out var stored));
        Assert.Empty(stored.History);
    }
}
