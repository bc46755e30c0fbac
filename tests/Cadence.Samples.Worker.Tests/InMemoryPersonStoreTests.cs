using Cadence.Samples.Worker.Tests.Support;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Cadence.Samples.Worker.Tests;

public sealed class InMemoryAccountStoreTests
{
    [Fact]
    public void Load_SamplePortfolio_KeepsEveryReadableAccountInFileOrderAndLogsEachUnreadableLine()
    {
        var log = new ListLogger<InMemoryAccountStore>();

        var store = InMemoryAccountStore.Load(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"), log);

        Assert.Equal(30, store.AccountIds.Count);
        Assert.Equal(["PF-001", "PF-002", "PF-003"], store.AccountIds.Take(3));
        Assert.DoesNotContain("PF-033", store.AccountIds);
        Assert.Equal(
            [
                (LogLevel.Error, "Line 27 of the portfolio cannot be read and is left out: line 27, $: the text is not valid JSON at column 125: '\"' is invalid after a value. Expected either ',', '}', or ']'."),
                (LogLevel.Error, "Line 28 of the portfolio cannot be read and is left out: line 28, $: required property 'accountId' is missing"),
                (LogLevel.Error, "Line 33 of the portfolio cannot be read and is left out: line 33, contactPoints[1].channel: 'fax' is not one of email, sms, call, letter, visit, push"),
                (LogLevel.Information, "Loaded 30 accounts from sample-portfolio.jsonl (3 lines left out)"),
            ],
            log.Entries);
    }

    [Fact]
    public void AppendAttempt_KnownAccount_AddsTheAttemptAtTheEndOfItsHistory()
    {
        var store = new InMemoryAccountStore([SamplePortfolio.Account("PF-014")]);
        var attempt = new ContactAttempt(SamplePortfolio.Start, Channel.Letter, StepId: "letter-overdue");

        store.AppendAttempt("PF-014", attempt);

        Assert.True(store.TryGet("PF-014", out var account));
        Assert.Equal(3, account.History.Length);
        Assert.Same(attempt, account.History[^1]);
    }

    [Fact]
    public void AppendAttempt_UnknownAccount_Throws()
    {
        var store = new InMemoryAccountStore([]);

        var exception = Assert.Throws<KeyNotFoundException>(() => store.AppendAttempt("nobody", new ContactAttempt(Instant.FromUtc(2026, 1, 1, 0, 0), Channel.Sms)));

        Assert.Equal("No account 'nobody'.", exception.Message);
    }

    [Fact]
    public void Constructor_RepeatedAccountId_KeepsTheFirstState()
    {
        var first = new BorrowerState("A-1") { Tags = ["first"] };

        var store = new InMemoryAccountStore([first, new BorrowerState("A-1") { Tags = ["second"] }]);

        Assert.Equal(["A-1"], store.AccountIds);
        Assert.True(store.TryGet("A-1", out var account));
        Assert.Same(first, account);
    }
}
