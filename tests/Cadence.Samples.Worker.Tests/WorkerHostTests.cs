using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests;

public sealed class WorkerHostTests
{
    private static readonly Instant RealNow = Instant.FromUtc(2030, 6, 1, 9, 0);

    [Fact]
    public void CreateBuilder_NoArguments_ComposesTheWorkerOverTheSamplePortfolioAndPolicyAtTheSampleInstant()
    {
        using var host = WorkerHost.CreateBuilder([], new FakeClock(RealNow)).Build();

        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ContactWorker>());
        Assert.Equal(34, host.Services.GetRequiredService<IPersonStore>().PersonIds.Count);
        Assert.Equal("acme-lending-us", host.Services.GetRequiredService<ICadenceEngine>().Policy.Name.Split('+')[0]);
        var clock = Assert.IsType<SimulatedClock>(host.Services.GetRequiredService<IClock>());
        Assert.Equal(Instant.FromUtc(2026, 3, 9, 14, 30), clock.GetCurrentInstant());
        Assert.Null(host.Services.GetRequiredService<WorkerOptions>().RunFor);
        Assert.Equal("cadence-worker.ledger.db", host.Services.GetRequiredService<WorkerLedger>().FilePath);
    }

    [Fact]
    public void CreateBuilder_LedgerFile_ComposesTheWorkerOverThatLedgerWithoutOpeningItYet()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cadence-worker-host-{Guid.NewGuid():N}.ledger.db");

        using var host = WorkerHost.CreateBuilder(["--ledger", file], new FakeClock(RealNow)).Build();

        Assert.Equal(file, host.Services.GetRequiredService<WorkerLedger>().FilePath);
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ContactWorker>());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public void CreateBuilder_LedgerNone_ComposesTheWorkerWithoutALedger()
    {
        using var host = WorkerHost.CreateBuilder(["--ledger", "none"], new FakeClock(RealNow)).Build();

        Assert.Null(host.Services.GetService<WorkerLedger>());
        Assert.Single(host.Services.GetServices<IHostedService>().OfType<ContactWorker>());
    }

    [Fact]
    public void CreateBuilder_PersonsFile_LoadsEachPersonWithAllTheirAccounts()
    {
        using var host = WorkerHost.CreateBuilder(["--persons", Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl")], new FakeClock(RealNow)).Build();

        var store = host.Services.GetRequiredService<IPersonStore>();
        Assert.Equal(["P-100", "PF-007"], store.PersonIds);
        Assert.True(store.TryGet("P-100", out var person));
        Assert.Equal(["CARD-1", "LOAN-2"], person.Accounts.Select(a => a.AccountId));
    }

    [Fact]
    public void CreateBuilder_CommandLine_SetsTheStartTheSpeedAndTheRunTime()
    {
        var realClock = new FakeClock(RealNow);

        using var host = WorkerHost.CreateBuilder(["--speed", "3600", "--run-for", "00:00:30", "--start", "2026-04-01T12:00:00Z"], realClock).Build();

        var options = host.Services.GetRequiredService<WorkerOptions>();
        Assert.Equal((3600.0, TimeSpan.FromSeconds(30)), (options.Speed, options.RunFor));
        var clock = host.Services.GetRequiredService<IClock>();
        Assert.Equal(Instant.FromUtc(2026, 4, 1, 12, 0), clock.GetCurrentInstant());
        realClock.Advance(Duration.FromSeconds(2));
        Assert.Equal(Instant.FromUtc(2026, 4, 1, 14, 0), clock.GetCurrentInstant());
    }

    [Fact]
    public void CreateBuilder_StartNowAtSpeedOne_UsesTheSystemClockItIsGiven()
    {
        var realClock = new FakeClock(RealNow);

        using var host = WorkerHost.CreateBuilder(["--start", "now"], realClock).Build();

        Assert.Same(realClock, host.Services.GetRequiredService<IClock>());
    }

    [Fact]
    public void CreateBuilder_BadSettings_ListsEveryProblem()
    {
        var exception = Assert.Throws<OptionsValidationException>(
            () => WorkerHost.CreateBuilder(["--speed", "0", "--start", "yesterday", "--run-for", "-00:00:05", "--accounts", "missing.jsonl", "--ledger", "missing-folder/worker.ledger.db"], new FakeClock(RealNow)));

        Assert.Equal(
            [
                "--accounts: file not found: missing.jsonl",
                "--ledger: folder not found for missing-folder/worker.ledger.db",
                "--start: 'yesterday' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z, nor 'now'.",
                "--speed: 0 is not a positive number of clock seconds per real second.",
                "--run-for: -00:00:05 is not a positive duration such as 00:00:30.",
            ],
            exception.Failures);
    }
}
