using Cadence.Json;
using Cadence.Ledger.Tests.Support;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Ledger.Tests;

/// <summary>The ledger's own checks and what its replay refuses, on a SQLite Store (the Store contract covers the rest).</summary>
public sealed class ContactLedgerTests : SqliteLedgerTest
{
    [Fact]
    public void Constructor_TimeToLiveNotPositive_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ContactLedger(Store, TestData.Policy, new LedgerOptions { ReservationTimeToLive = Duration.Zero }));

        Assert.StartsWith("The reservation time to live must be positive.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reserve_EmptyKey_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new ContactLedger(Store, TestData.Policy).ReserveAsync(TestData.Person(), TestData.Now, " ", Ct));
    }

    [Fact]
    public async Task Reserve_PolicyWithHolidayFiles_StoresThemAndReplaysTheSame()
    {
        var policy = LedgerPolicy.FromFile(Path.Combine(AppContext.BaseDirectory, "policies", "ru-lender.policy.json"));
        var ledger = new ContactLedger(Store, policy);
        var person = PersonJson.Read("""{"personId":"RU-1","timeZones":["Europe/Moscow"],"contactPoints":[{"id":"mobile","channel":"sms","kind":"mobile","consentGiven":true}],"accounts":[{"accountId":"L-1","dueDate":"2026-01-01","amountDue":{"amount":5000,"currency":"RUB"}}]}""").ToPerson()!;

        var result = await ledger.ReserveAsync(person, TestData.Now, "k1", Ct);
        var replay = await ledger.ReplayAsync(result.DecisionId, Ct);

        Assert.NotEqual(ReserveStatus.Error, result.Status);
        Assert.Equal(policy, await Store.GetPolicyAsync(policy.Id, Ct));
        Assert.Equal(replay.Stored, replay.Replayed);
        Assert.Equal(ReplayStatus.Same, replay.Status);
    }

    [Fact]
    public async Task Replay_DecisionOfAnotherTimeZoneDatabase_IsRefused()
    {
        var id = await StoreDecisionAsync(r => r with { TzdbVersion = "TZDB: 1999a" });

        var replay = await new ContactLedger(Store, TestData.Policy).ReplayAsync(id, Ct);

        Assert.Equal(ReplayStatus.Refused, replay.Status);
        Assert.Equal($"Decision {id} was made with the time-zone database TZDB: 1999a; this process has {DateTimeZoneProviders.Tzdb.VersionId}. Replay it with that version.", replay.Message);
    }

    [Fact]
    public async Task Replay_AlteredPolicy_IsRefused()
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var result = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ExecuteAsync("UPDATE policies SET text = replace(text, '\"priority\": 10', '\"priority\": 11')");

        var replay = await ledger.ReplayAsync(result.DecisionId, Ct);

        Assert.Equal(ReplayStatus.Refused, replay.Status);
        Assert.StartsWith($"The policy stored as {TestData.Policy.Id} hashes to ", replay.Message, StringComparison.Ordinal);
        Assert.EndsWith($": it was altered after decision {result.DecisionId}.", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AlteredInputs_IsDifferent()
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var result = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        await ExecuteAsync("UPDATE decisions SET inputs_json = replace(inputs_json, '\"amount\":120', '\"amount\":0')");

        var replay = await ledger.ReplayAsync(result.DecisionId, Ct);

        Assert.Equal(ReplayStatus.Different, replay.Status);
        Assert.NotEqual(replay.Stored, replay.Replayed);
    }

    private async Task<long> StoreDecisionAsync(Func<LedgerDecisionRecord, LedgerDecisionRecord> change)
    {
        var ledger = new ContactLedger(Store, TestData.Policy);
        var result = await ledger.ReserveAsync(TestData.Person(), TestData.Now, "k1", Ct);
        var record = change((await Store.GetDecisionAsync(result.DecisionId, Ct))!);
        return await Store.RunInPersonTransactionAsync(record.PersonId, (tx, ct) => tx.AddDecisionAsync(record, ct), Ct);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
    }
}
