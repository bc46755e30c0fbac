using System.Diagnostics;
using System.Globalization;
using Cadence.Ledger.LoadWorker;
using Cadence.Ledger.Tests.Support;
using Cadence.Simulation;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Ledger.Tests;

/// <summary>
/// The ledger under load and faults: eight workers — threads of this process, or child processes killed with SIGKILL
/// between reserve and complete and at random moments — reserve, complete, cancel and abandon contacts for the same 500
/// persons over 30 simulated days read from one clock in the database, under the acme lender's policy on the US
/// Regulation F pack (caps of calls per 7 days and texts per day, a cooldown after a conversation, steps repeating daily
/// or every three days, exhaustion after three failures). Then the history the ledger holds is re-checked with the
/// independent compliance checker, and the database with SQL.
/// </summary>
public sealed class LedgerUnderLoadTests
{
    private const int Seed = 2026;
    private const int Days = 30;

    /// <summary>The clock advances by six simulated hours: 120 rounds over the 30 days.</summary>
    private static readonly Duration ClockStep = Duration.FromHours(6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EightThreads_FiveHundredPersonsForThirtyDays_BreakNoRuleAndSettleEveryReservation()
    {
        using var database = new TemporaryDatabase();
        var run = new LoadRun(Seed);
        var coordinator = new LoadCoordinator(database.ConnectionString, run, ClockStep, Days);
        await coordinator.PrepareAsync(Ct);

        var wall = Stopwatch.StartNew();
        List<WorkerReport> reports;
        await using (var workers = new ThreadWorkers(database.ConnectionString, run))
        {
            await coordinator.RunAsync(workers, null, Ct);
            reports = [.. workers.Reports];
        }

        wall.Stop();
        var counts = await AssertLedgerHoldsAsync(coordinator, database.ConnectionString);
        Log($"8 threads, {run.Persons} persons, {Days} days in {coordinator.Rounds} rounds: {counts}; coordinator expired {coordinator.ExpiredByCoordinator}; {wall.Elapsed.TotalSeconds:F1} s");
        LogRounds(coordinator);
        Log($"workers: reserves {reports.Sum(r => r.Reserves)}, reserved {reports.Sum(r => r.Reserved)}, repeated keys {reports.Sum(r => r.Repeated)}, not due {reports.Sum(r => r.NotDue)}, completed {reports.Sum(r => r.Completed)}, cancelled {reports.Sum(r => r.Cancelled)}, abandoned {reports.Sum(r => r.Abandoned)}");

        // The workers' view agrees with the ledger's: every reservation made was made by one worker, and settled as it said.
        Assert.Equal(counts.Reservations, reports.Sum(r => r.Reserved));
        Assert.Equal(counts.Completed, reports.Sum(r => r.Completed));
        Assert.Equal(counts.Cancelled, reports.Sum(r => r.Cancelled));
        Assert.Equal(counts.Expired, reports.Sum(r => r.Abandoned));

        // Workers handed the same job really raced on its key.
        Assert.True(reports.Sum(r => r.Repeated) > 100, $"only {reports.Sum(r => r.Repeated)} repeated keys");

        // Not vacuous: a contact written into the ledger's history behind its back, a day's step repeated an hour after
        // a completed contact, is what the checker catches.
        await AssertAContactBypassingTheLedgerIsCaughtAsync(coordinator, database.ConnectionString);
    }

    [Fact]
    public async Task EightProcesses_KilledBetweenReserveAndCompleteAndAtRandom_BreakNoRuleAndTheKilledReservationsCountAfterExpiry()
    {
        using var database = new TemporaryDatabase();
        var run = new LoadRun(Seed + 1);
        var coordinator = new LoadCoordinator(database.ConnectionString, run, ClockStep, Days);
        await coordinator.PrepareAsync(Ct);
        var hostPersons = run.HostPersons().ToDictionary(p => p.PersonId);
        var policy = coordinator.Ledger.Engine.Policy;

        // Killed reservations, until the clock passes their expiry and they are checked.
        var pending = new List<(KilledReservation Killed, Reservation Reservation)>();
        var verified = new List<Reservation>();
        var probes = 0;

        async Task OnKilled(KilledReservation killed)
        {
            // Killed between reserve and complete: the reservation stands open, and counts.
            var r = await coordinator.Ledger.GetReservationAsync(killed.ReservationId, Ct);
            Assert.NotNull(r);
            Assert.Equal((ReservationStatus.Open, killed.PersonId), (r.Status, r.PersonId));
            pending.Add((killed, r));
        }

        async Task EveryRound(long round, Instant now)
        {
            foreach (var (killed, open) in pending.Where(p => p.Reservation.ExpiresAt <= now).ToList())
            {
                // The clock passed its time to live and ExpireAsync ran: it is an attempt of unknown outcome at its instant.
                var r = await coordinator.Ledger.GetReservationAsync(killed.ReservationId, Ct);
                Assert.NotNull(r);
                Assert.Equal((ReservationStatus.Expired, ContactOutcome.Unknown, open.ExpiresAt), (r.Status, r.Outcome, r.SettledAt));
                var audit = await new LedgerRecords(coordinator.Store).GetAuditAsync(killed.PersonId, Ct);
                Assert.Contains(open.ToAttempt(ContactOutcome.Unknown, open.At), audit.Attempts);

                // It counts: a reserve for the person now, within the step's repeat interval, is no second contact for that step.
                var step = policy.Steps.Single(s => s.Id == open.StepId);
                Assert.True(step.RepeatInterval is null || now < open.At + step.RepeatInterval.Value, $"the probe at {now} is past the repeat interval of {step.Id}");
                var probe = await coordinator.Ledger.ReserveAsync(hostPersons[killed.PersonId], now, $"probe/{killed.ReservationId}", Ct);
                probes++;
                Assert.NotEqual(ReserveStatus.Error, probe.Status);
                // (A step repeats per account: the same step about another of the person's accounts is another contact.)
                if (probe.Decision is { Kind: DecisionKind.Contact or DecisionKind.Escalate, Step: { } next, NotBefore: { } notBefore } decided
                    && next.Id == open.StepId && decided.AccountIds.Intersect(open.AccountIds).Any())
                {
                    // Whether or not a window is open now, the step's next contact is not before its repeat interval.
                    Assert.True(step.RepeatInterval is { } repeat && notBefore >= open.At + repeat, $"{step.Id} is next due at {notBefore}, after its expired attempt at {open.At}");
                }

                foreach (var other in probe.Reservations)
                {
                    Assert.False(other.StepId == open.StepId && other.AccountIds.Intersect(open.AccountIds).Any(), $"the probe reserved {other.StepId} about {string.Join(", ", other.AccountIds)} again");
                    Assert.Equal(ReservationUpdateStatus.Done, (await coordinator.Ledger.CancelAsync(other.Id, now, Ct)).Status);
                }

                pending.RemoveAll(p => p.Killed == killed);
                verified.Add(open);
            }
        }

        // Two workers stop after a reservation (early and later in the run) and are killed there; two more are killed
        // wherever they are, a few milliseconds into a round (inside a transaction, or between reserve and complete).
        var stopAfterReserving = new Dictionary<int, int> { [2] = 5, [7] = 150 };
        var randomKills = new Dictionary<long, (int Worker, TimeSpan After)>
        {
            [coordinator.Rounds / 3] = (4, TimeSpan.FromMilliseconds(40)),
            [2 * coordinator.Rounds / 3] = (1, TimeSpan.FromMilliseconds(90)),
        };
        var wall = Stopwatch.StartNew();
        List<string> done;
        List<KilledReservation> killedAfterReserving;
        int killedAtRandom, started;
        await using (var workers = new ProcessWorkers(database.FilePath, run, stopAfterReserving, randomKills, OnKilled))
        {
            await coordinator.RunAsync(workers, EveryRound, Ct);
            done = workers.DoneLines;
            killedAfterReserving = workers.KilledAfterReserving;
            killedAtRandom = workers.KilledAtRandom.Count;
            started = workers.Started;
        }

        wall.Stop();
        var counts = await AssertLedgerHoldsAsync(coordinator, database.ConnectionString);
        Log($"8 processes ({started} started, {killedAfterReserving.Count} killed after reserving, {killedAtRandom} killed at random), {run.Persons} persons, {Days} days in {coordinator.Rounds} rounds: {counts}; coordinator expired {coordinator.ExpiredByCoordinator}; {probes} probes; {wall.Elapsed.TotalSeconds:F1} s");
        foreach (var line in done)
        {
            Log(line);
        }

        LogRounds(coordinator);

        Assert.Equal(stopAfterReserving.Count, killedAfterReserving.Count);
        Assert.Equal(randomKills.Count, killedAtRandom);
        Assert.Empty(pending);
        Assert.Equal(killedAfterReserving.Count, verified.Count);
        Assert.Equal(run.Workers + killedAfterReserving.Count + killedAtRandom, started);

        // Over the whole run, no second contact for the killed reservation's step went out within its repeat interval
        // (the checker says so too: the expired attempt is in the history it checked).
        foreach (var killed in verified)
        {
            var audit = await new LedgerRecords(coordinator.Store).GetAuditAsync(killed.PersonId, Ct);
            var step = policy.Steps.Single(s => s.Id == killed.StepId);
            var until = step.RepeatInterval is { } repeat ? killed.At + repeat : Instant.MaxValue;
            Assert.DoesNotContain(audit.Reservations, r => r.Id != killed.Id && r.StepId == killed.StepId && r.Status != ReservationStatus.Cancelled && r.At >= killed.At && r.At < until && r.AccountIds.Intersect(killed.AccountIds).Any());
            Assert.Contains(killed.ToAttempt(ContactOutcome.Unknown, killed.At), audit.Attempts);
        }
    }

    /// <summary>
    /// What must hold of the ledger after any run: every reservation settled (completed, cancelled or expired), each
    /// made under one idempotency key and no key naming two, no double booking, a substantial number of contacts, and
    /// the independent checker finds no violation in any person's history.
    /// </summary>
    private static async Task<LedgerCounts> AssertLedgerHoldsAsync(LoadCoordinator coordinator, string connectionString)
    {
        var counts = await LedgerCounts.ReadAsync(connectionString, Ct);
        Assert.Equal(0, counts.Unsettled);
        Assert.Equal(counts.Reservations, counts.Completed + counts.Cancelled + counts.Expired);
        Assert.Equal(0, counts.ReservationsNotUnderOneKey);
        Assert.Equal(0, counts.KeysOfSeveralReservations);
        Assert.Equal(counts.Requests, counts.Decisions);
        Assert.Equal(0, counts.DoubleBookings);
        Assert.Equal(counts.Completed + counts.Expired, counts.Contacts);

        // Not vacuous: thousands of contacts, with most persons, some reservations cancelled and some expired.
        Assert.True(counts.Contacts >= 4 * coordinator.Run.Persons, $"only {counts.Contacts} contacts");
        Assert.True(counts.PersonsContacted >= coordinator.Run.Persons * 9 / 10, $"only {counts.PersonsContacted} persons contacted");
        Assert.True(counts.Cancelled > 0 && counts.Expired > 0, counts.ToString());

        var checking = Stopwatch.StartNew();
        var timelines = await LedgerHistory.TimelinesAsync(coordinator.Store, coordinator.Persons, Ct);
        Assert.Equal(counts.Contacts, timelines.Sum(t => t.Events.Length));
        Assert.All(timelines.SelectMany(t => t.Events).OfType<ContactMade>(), c => Assert.NotNull(c.DecidedAt));
        var violations = new ComplianceChecker(coordinator.Ledger.Engine.Policy).Check(timelines);
        Assert.True(violations.IsEmpty, $"{violations.Length} violations, first:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Take(20))}");
        Log($"history of {timelines.Length} persons read from the audit records and checked in {checking.Elapsed.TotalSeconds:F1} s: no violation");
        return counts;
    }

    private static async Task AssertAContactBypassingTheLedgerIsCaughtAsync(LoadCoordinator coordinator, string connectionString)
    {
        var policy = coordinator.Ledger.Engine.Policy;
        var daily = policy.Steps.Single(s => s.Id == "call-overdue");
        long reservationId;
        string personId;
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync(Ct);
            await using var find = connection.CreateCommand();
            find.CommandText = "SELECT id, person_id FROM reservations WHERE status = 'Completed' AND step_id = $step ORDER BY id LIMIT 1";
            find.Parameters.AddWithValue("$step", daily.Id);
            await using (var reader = await find.ExecuteReaderAsync(Ct))
            {
                Assert.True(await reader.ReadAsync(Ct), "no call was completed");
                (reservationId, personId) = (reader.GetInt64(0), reader.GetString(1));
            }

            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO attempts (person_id, at_ticks, channel, direction, outcome, step_id, contact_point_id, account_ids)
                SELECT person_id, settled_ticks + $hour, channel, 'Outbound', 'NoAnswer', step_id, contact_point_id, account_ids FROM reservations WHERE id = $id
                """;
            insert.Parameters.AddWithValue("$hour", Duration.FromHours(1).BclCompatibleTicks);
            insert.Parameters.AddWithValue("$id", reservationId);
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Ct));
        }

        var person = coordinator.Persons.Single(p => p.PersonId == personId);
        var audit = await new LedgerRecords(coordinator.Store).GetAuditAsync(personId, Ct);
        var violations = new ComplianceChecker(policy).Check(LedgerHistory.Timeline(person, audit));

        Assert.Contains(violations, v => v.Kind == ViolationKind.Step && v.Rule == daily.Id);
        Log(string.Create(CultureInfo.InvariantCulture, $"a call inserted an hour after reservation {reservationId} bypassing the ledger: {violations.Length} violation(s), first: {violations[0]}"));
    }

    private static void LogRounds(LoadCoordinator coordinator)
    {
        var times = coordinator.RoundTimes.Select(t => t.TotalSeconds).Order().ToList();
        Log(string.Create(CultureInfo.InvariantCulture, $"rounds: median {times[times.Count / 2]:F2} s, slowest {string.Join(", ", times.TakeLast(5).Select(t => t.ToString("F2", CultureInfo.InvariantCulture)))} s, first {coordinator.RoundTimes[0].TotalSeconds:F2} s"));
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
