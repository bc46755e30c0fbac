using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Cadence.Ledger.Sqlite;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Ledger.LoadWorker;

/// <summary>
/// One worker of a load run, the same code in a thread of the test or in a child process: round after round of the
/// simulated clock it takes the due jobs of its scheduler for the persons it is handed, reserves each with the job's
/// idempotency key at the clock's instant, and then makes the contact (completes it with a drawn outcome), or decides
/// not to (cancels it), or loses track of it (leaves it to expire); it then schedules the person's next job from the
/// answer. It keeps no contact history: the ledger does.
/// </summary>
public sealed class Worker
{
    /// <summary>The share of reservations cancelled: the host decided not to send after all.</summary>
    public const double CancelShare = 0.03;

    /// <summary>The share of reservations left open: the host lost track of them; they expire and count.</summary>
    public const double AbandonShare = 0.03;

    private static readonly Duration Pause = Duration.FromMilliseconds(20);

    private readonly LoadRun run;
    private readonly int worker;
    private readonly int? stopAfterReserving;
    private readonly TextWriter output;
    private readonly LoadHarness harness;
    private readonly ContactLedger ledger;
    private readonly ImmutableArray<Person> persons;

    /// <summary>Creates a worker.</summary>
    /// <param name="connectionString">The ledger's database (initialised, with the harness's tables).</param>
    /// <param name="run">The run.</param>
    /// <param name="worker">The worker's number, from 0.</param>
    /// <param name="output">Where it says what it reserved when told to stop after reserving.</param>
    /// <param name="stopAfterReserving">
    /// A fault to inject: after its n-th reservation, the worker prints <c>reserved &lt;id&gt; &lt;person&gt; &lt;key&gt;</c>
    /// and blocks, neither completing nor cancelling, until it is killed (or cancelled); <see langword="null"/>: never.
    /// </param>
    public Worker(string connectionString, LoadRun run, int worker, TextWriter output, int? stopAfterReserving = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegative(worker);
        this.run = run;
        this.worker = worker;
        this.stopAfterReserving = stopAfterReserving;
        this.output = output;
        harness = new LoadHarness(connectionString);
        ledger = new ContactLedger(new SqliteLedgerStore(connectionString), LoadRun.ReadPolicy(), run.LedgerOptions);
        persons = run.HostPersons();
    }

    /// <summary>What the worker did so far.</summary>
    public WorkerReport Report { get; } = new();

    /// <summary>
    /// Runs until the clock says the run is over: each round the clock enters (from the one after the last round this
    /// worker, or an earlier life of it, reported) is worked once and reported.
    /// </summary>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The ledger answered with an error decision.</exception>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        var done = (await harness.GetRoundsDoneAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(worker, -1);
        while (true)
        {
            var clock = await harness.ReadClockAsync(cancellationToken).ConfigureAwait(false);
            if (clock.Round > done)
            {
                await RunRoundAsync(clock, cancellationToken).ConfigureAwait(false);
                await harness.ReportRoundAsync(worker, clock.Round, cancellationToken).ConfigureAwait(false);
                done = clock.Round;
            }
            else if (clock.Stopped)
            {
                return;
            }
            else
            {
                // A blocking wait: a worker has a thread (or a process) of its own, and every ledger call is synchronous underneath.
                cancellationToken.WaitHandle.WaitOne(Pause.ToTimeSpan());
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    private async Task RunRoundAsync(ClockReading clock, CancellationToken ct)
    {
        var scheduler = LoadRun.SchedulerOf(worker);
        var jobs = (await harness.GetDueJobsAsync(scheduler, clock.Now, ct).ConfigureAwait(false))
            .Where(j => run.Handles(worker, j.PersonIndex, clock.Round))
            .OrderBy(j => Bits(j.PersonId, clock.Round.ToString(CultureInfo.InvariantCulture)))
            .ToList();
        foreach (var job in jobs)
        {
            var now = (await harness.ReadClockAsync(ct).ConfigureAwait(false)).Now;
            var result = await ledger.ReserveAsync(persons[job.PersonIndex], now, job.IdempotencyKey, ct).ConfigureAwait(false);
            Report.Reserves++;
            var next = await FollowAsync(job, result, now, ct).ConfigureAwait(false);
            await harness.ReplaceJobAsync(job, next, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Acts on an answer and says the person's next job.</summary>
    private async Task<Job> FollowAsync(Job job, ReserveResult result, Instant now, CancellationToken ct)
    {
        var soon = now + Duration.FromSeconds(1);
        switch (result.Status)
        {
            case ReserveStatus.Reserved when result.Repeated:
                // Another worker handed the same job reserved it: the contact is theirs to make.
                Report.Repeated++;
                return job with { Due = soon, Step = Job.Review };
            case ReserveStatus.Reserved:
                // The decision's own action, and each escalation listed beside it (reserved by the same reserve).
                foreach (var reservation in result.Reservations)
                {
                    Report.Reserved++;
                    await ContactAsync(job, reservation, ct).ConfigureAwait(false);
                }

                return job with { Due = soon, Step = Job.Review };
            case ReserveStatus.NotDue:
                Report.NotDue++;
                var d = result.Decision!.Value;
                return d.Kind is DecisionKind.Contact or DecisionKind.Escalate && d.NotBefore is { } notBefore && d.Step is { } step
                    ? job with { Due = Instant.Max(notBefore, soon), Step = step.Id }
                    : job with { Due = d.ReviewAt is { } review ? Instant.Max(review, soon) : now + Duration.FromDays(1), Step = Job.Review };
            default:
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Worker {worker}: the ledger answered {result.Status} for {job.IdempotencyKey}: {result.Decision?.Error?.Message}"));
        }
    }

    /// <summary>Makes the reserved contact (or not), and reports it to the ledger, at the clock's instant.</summary>
    private async Task ContactAsync(Job job, Reservation reservation, CancellationToken ct)
    {
        if (stopAfterReserving == Report.Reserved)
        {
            // The fault: the worker dies (is killed) between reserve and complete.
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"reserved {reservation.Id} {reservation.PersonId} {job.IdempotencyKey}")).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
            ct.WaitHandle.WaitOne();
            ct.ThrowIfCancellationRequested();
        }

        var key = job.IdempotencyKey;
        var fate = Draw(key, "fate");
        if (fate < AbandonShare)
        {
            Report.Abandoned++;
            return;
        }

        var now = (await harness.ReadClockAsync(ct).ConfigureAwait(false)).Now;
        if (fate < AbandonShare + CancelShare)
        {
            var cancelled = await ledger.CancelAsync(reservation.Id, now, ct).ConfigureAwait(false);
            Expect(cancelled, ReservationUpdateStatus.Done, key);
            Report.Cancelled++;
            return;
        }

        var completed = await ledger.CompleteAsync(reservation.Id, Outcome(reservation.Channel, key), now, ct).ConfigureAwait(false);
        Expect(completed, ReservationUpdateStatus.Done, key);
        Report.Completed++;
    }

    private void Expect(ReservationUpdate update, ReservationUpdateStatus status, string key)
    {
        if (update.Status != status)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"Worker {worker}: reservation of {key} answered {update.Status}: {update.Message}"));
        }
    }

    /// <summary>How a contact ends, drawn at the rates of the simulator's default outcome model.</summary>
    private ContactOutcome Outcome(Channel channel, string key)
    {
        var model = OutcomeModel.Default;
        var response = model.Channels.TryGetValue(channel, out var r) ? r : new ChannelResponse(1.0);
        var reached = Draw(key, "reached") < response.Reached;
        return channel switch
        {
            Channel.None => ContactOutcome.Sent,
            Channel.Call or Channel.Visit => reached
                ? Draw(key, "conversation") < response.Conversation ? ContactOutcome.Conversation : ContactOutcome.WrongParty
                : channel == Channel.Call && Draw(key, "voicemail") < model.Voicemail ? ContactOutcome.Voicemail : ContactOutcome.NoAnswer,
            Channel.Letter => reached ? ContactOutcome.Delivered : ContactOutcome.Sent,
            _ => reached ? ContactOutcome.Delivered : Draw(key, "bounce") < 0.5 ? ContactOutcome.Bounced : ContactOutcome.Failed,
        };
    }

    /// <summary>A number in [0, 1) drawn from the run's seed, a job's key and what is drawn: the same on every worker and machine.</summary>
    private double Draw(string key, string what) => (Bits(key, what) >> 11) * (1.0 / (1UL << 53));

    private ulong Bits(string key, string what)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{run.Seed}/{key}/{what}")), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
