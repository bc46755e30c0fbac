using System.Collections.Immutable;
using System.Reflection;
using Cadence.Json;
using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// A contact ledger: decides and reserves the next contact with a person in one transaction on the person, so that two
/// workers (or a retry) deciding for the same person at once never both send; completes, cancels and expires
/// reservations (an expired one counts as an attempt of unknown outcome: fail closed); and keeps every decision with
/// its policy, time-zone database and engine versions, explanation and inputs, for audit and replay.
/// </summary>
/// <remarks>
/// The ledger holds the contact history, reservations and decisions; the host keeps the rest of the person's state
/// (accounts, contact points, holds) and passes it in. The ledger never reads a clock: every operation takes the
/// instant. Thread-safe: one ledger serves every worker of a process, and ledgers in several processes may share a store.
/// </remarks>
public sealed class ContactLedger
{
    private static readonly string CadenceVersion = VersionOf(typeof(CadenceEngine).Assembly);

    private readonly ILedgerStore store;
    private readonly LedgerOptions options;
    private readonly CadenceEngine engine;

    /// <summary>Creates a ledger deciding with <paramref name="policy"/>.</summary>
    /// <param name="store">Where the ledger keeps its records (initialised: see <see cref="ILedgerStore.InitializeAsync"/>).</param>
    /// <param name="policy">The policy, as evidence: its text and holiday files.</param>
    /// <param name="options">How it reserves, expires and keeps records; the defaults when <see langword="null"/>.</param>
    /// <exception cref="PolicyValidationException">The policy has problems.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The reservation time to live or the input retention is not positive.</exception>
    public ContactLedger(ILedgerStore store, LedgerPolicy policy, LedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        options ??= LedgerOptions.Default;
        if (options.ReservationTimeToLive <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ReservationTimeToLive, "The reservation time to live must be positive.");
        }

        if (options.InputRetention <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.InputRetention, "The input retention must be positive.");
        }

        this.store = store;
        this.options = options with { PseudonymKey = options.PseudonymKey?.ToArray() };
        Policy = policy;
        engine = CreateEngine(policy.Load(), options.Evaluator);
    }

    /// <summary>The policy the ledger decides with.</summary>
    public LedgerPolicy Policy { get; }

    /// <summary>The engine the ledger decides with (explanations collected).</summary>
    public ICadenceEngine Engine => engine;

    /// <summary>The version of the Cadence engine recorded with each decision.</summary>
    public static string EngineVersion => CadenceVersion;

    /// <summary>
    /// Decides the next contact with <paramref name="person"/> at <paramref name="now"/> and, when it is a contact or an
    /// escalation due now, reserves it, all in one transaction on the person: the ledger's history and every open
    /// reservation (as an attempt booked at its instant, of unknown outcome) are merged into the person first, so a
    /// second reserve for the person sees the first. The decision is stored for audit whatever it is. A repeated
    /// <paramref name="idempotencyKey"/> returns the first answer unchanged.
    /// </summary>
    /// <param name="person">The person's current state from the host (its history may be empty: the ledger's is merged in).</param>
    /// <param name="now">The instant.</param>
    /// <param name="idempotencyKey">The host's key for this request (e.g. the job's id): the same key, the same answer.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException">The key or the person's id is empty, or the key was used for another person.</exception>
    public Task<ReserveResult> ReserveAsync(Person person, Instant now, string idempotencyKey, CancellationToken cancellationToken = default)
        => ReserveCoreAsync(person, null, now, idempotencyKey, cancellationToken);

    /// <summary>
    /// "May I make this contact now?": checks a contact the host proposes (see <see cref="ICadenceEngine.Check"/>) and,
    /// when it is allowed now, reserves it, in one transaction on the person, as <see cref="ReserveAsync(Person, Instant, string, CancellationToken)"/> does.
    /// </summary>
    /// <param name="person">The person's current state from the host.</param>
    /// <param name="contact">The proposed contact.</param>
    /// <param name="now">The instant the contact would be made.</param>
    /// <param name="idempotencyKey">The host's key for this request.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    /// <exception cref="ArgumentException">The key or the person's id is empty, or the key was used for another person.</exception>
    public Task<ReserveResult> ReserveAsync(Person person, ProposedContact contact, Instant now, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return ReserveCoreAsync(person, contact, now, idempotencyKey, cancellationToken);
    }

    /// <summary>
    /// Reports how a reserved contact ended: records the attempt, made at <paramref name="at"/>, on its point about its
    /// accounts. Idempotent: the same report again changes nothing. A reservation that had expired is completed late:
    /// the reported attempt replaces the one of unknown outcome (both stay in the audit). A cancelled one, or one
    /// completed with another outcome or instant, is refused.
    /// </summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="outcome">How the contact ended.</param>
    /// <param name="at">When the contact was made.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    public async Task<ReservationUpdate> CompleteAsync(long reservationId, ContactOutcome outcome, Instant at, CancellationToken cancellationToken = default)
    {
        if (await store.GetReservationAsync(reservationId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NotFound(reservationId);
        }

        return await store.RunInPersonTransactionAsync(found.PersonId, async (tx, ct) =>
        {
            if (await tx.GetReservationAsync(reservationId, ct).ConfigureAwait(false) is not { } r)
            {
                return NotFound(reservationId);
            }

            switch (r.Status)
            {
                case ReservationStatus.Completed when r.Outcome == outcome && r.SettledAt == at:
                    return new ReservationUpdate(ReservationUpdateStatus.AlreadyDone, r);
                case ReservationStatus.Completed:
                    return new ReservationUpdate(ReservationUpdateStatus.Refused, r, $"Reservation {reservationId} was already completed with {r.Outcome} at {r.SettledAt}.");
                case ReservationStatus.Cancelled:
                    return new ReservationUpdate(ReservationUpdateStatus.Refused, r, $"Reservation {reservationId} was cancelled at {r.SettledAt}: its contact was reported as not made.");
                default:
                    var late = r.Status == ReservationStatus.Expired;
                    if (late)
                    {
                        await tx.SupersedeAttemptsAsync(r.Id, ct).ConfigureAwait(false);
                    }

                    var done = r with { Status = ReservationStatus.Completed, Outcome = outcome, SettledAt = at };
                    await tx.UpdateReservationAsync(done, ct).ConfigureAwait(false);
                    await tx.AddAttemptAsync(done.ToAttempt(outcome, at), r.Id, ct).ConfigureAwait(false);
                    await tx.AddEventAsync(new ReservationEvent(r.Id, at, late ? ReservationEventKind.CompletedLate : ReservationEventKind.Completed, outcome), ct).ConfigureAwait(false);
                    return new ReservationUpdate(late ? ReservationUpdateStatus.CompletedLate : ReservationUpdateStatus.Done, done);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reports that a reserved contact was not made: the reservation no longer counts. Idempotent. Refused for a
    /// completed reservation, and for one that expired (at or before <paramref name="now"/>): the contact may have been
    /// made, so it keeps counting (complete it with its outcome if it was).
    /// </summary>
    /// <param name="reservationId">The reservation.</param>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    public async Task<ReservationUpdate> CancelAsync(long reservationId, Instant now, CancellationToken cancellationToken = default)
    {
        if (await store.GetReservationAsync(reservationId, cancellationToken).ConfigureAwait(false) is not { } found)
        {
            return NotFound(reservationId);
        }

        return await store.RunInPersonTransactionAsync(found.PersonId, async (tx, ct) =>
        {
            await ExpireDueAsync(tx, now, ct).ConfigureAwait(false);
            if (await tx.GetReservationAsync(reservationId, ct).ConfigureAwait(false) is not { } r)
            {
                return NotFound(reservationId);
            }

            switch (r.Status)
            {
                case ReservationStatus.Cancelled:
                    return new ReservationUpdate(ReservationUpdateStatus.AlreadyDone, r);
                case ReservationStatus.Completed:
                    return new ReservationUpdate(ReservationUpdateStatus.Refused, r, $"Reservation {reservationId} was completed with {r.Outcome} at {r.SettledAt}: its contact was made.");
                case ReservationStatus.Expired:
                    return new ReservationUpdate(ReservationUpdateStatus.Refused, r, $"Reservation {reservationId} expired at {r.ExpiresAt} and counts as a contact of unknown outcome: a late cancel cannot prove it was not made (complete it if it was).");
                default:
                    var cancelled = r with { Status = ReservationStatus.Cancelled, SettledAt = now };
                    await tx.UpdateReservationAsync(cancelled, ct).ConfigureAwait(false);
                    await tx.AddEventAsync(new ReservationEvent(r.Id, now, ReservationEventKind.Cancelled), ct).ConfigureAwait(false);
                    return new ReservationUpdate(ReservationUpdateStatus.Done, cancelled);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Expires every open reservation whose time to live has passed at <paramref name="now"/>: each becomes an attempt of
    /// <see cref="ContactOutcome.Unknown"/> outcome at its reserved instant. Reserves and cancels expire a person's
    /// reservations themselves; a host runs this now and then so that the audit shows expiries promptly.
    /// </summary>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>How many reservations expired.</returns>
    public async Task<int> ExpireAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var expired = 0;
        foreach (var personId in await store.GetPersonsWithExpiredReservationsAsync(now, cancellationToken).ConfigureAwait(false))
        {
            expired += await store.RunInPersonTransactionAsync(personId, (tx, ct) => ExpireDueAsync(tx, now, ct), cancellationToken).ConfigureAwait(false);
        }

        return expired;
    }

    /// <summary>Reads a reservation as it stands.</summary>
    /// <param name="reservationId">Its id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The reservation, or <see langword="null"/>.</returns>
    public Task<Reservation?> GetReservationAsync(long reservationId, CancellationToken cancellationToken = default)
        => store.GetReservationAsync(reservationId, cancellationToken);

    /// <summary>
    /// Replays a stored decision: reads its policy again, evaluates its stored inputs at its instant, and says whether it
    /// gives the same decision, explanation included. Refused, with the reason, when something it needs is missing or
    /// differs: no such decision, purged inputs, a missing or altered policy, another time-zone database.
    /// </summary>
    /// <param name="decisionId">The decision's id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The answer.</returns>
    public Task<ReplayResult> ReplayAsync(long decisionId, CancellationToken cancellationToken = default)
        => LedgerReplay.ReplayAsync(store, decisionId, options.Evaluator, cancellationToken);

    /// <summary>
    /// Applies the retention period: removes the inputs of decisions made more than <see cref="LedgerOptions.InputRetention"/>
    /// before <paramref name="now"/> (their decision, explanation and policy stay; they can no longer be replayed).
    /// </summary>
    /// <param name="now">The instant.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>How many decisions lost their inputs.</returns>
    public Task<int> PurgeAsync(Instant now, CancellationToken cancellationToken = default)
        => store.PurgeInputsAsync(now - options.InputRetention, now, cancellationToken);

    /// <summary>
    /// Erases a person on request: their id, and the ids of their accounts and contact points, are replaced everywhere
    /// by pseudonyms (an HMAC-SHA256 with <see cref="LedgerOptions.PseudonymKey"/>), in the history, reservations and
    /// stored decisions, inputs and explanations included; the evidence (instants, channels, steps, outcomes, decisions,
    /// policies) stays. The same key gives the same pseudonyms, so the person's records stay linked to each other.
    /// </summary>
    /// <param name="personId">The person.</param>
    /// <param name="now">When they are erased.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>The person's pseudonym.</returns>
    /// <exception cref="InvalidOperationException">The options have no <see cref="LedgerOptions.PseudonymKey"/>.</exception>
    public Task<string> EraseAsync(string personId, Instant now, CancellationToken cancellationToken = default)
        => LedgerRecords.EraseAsync(store, options.PseudonymKey, personId, now, cancellationToken);

    /// <summary>
    /// Records <paramref name="person"/>'s history (their attempts, from the host's records) in the ledger, so that later
    /// reserves see it, in one transaction on the person. Idempotent: an attempt already stored for the person (the same
    /// instant, channel, direction, outcome, step, point and accounts) is not stored again, so importing the same history
    /// twice stores it once.
    /// </summary>
    /// <param name="person">The person, with their history.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    /// <returns>How many attempts were stored (those already stored left out).</returns>
    /// <exception cref="ArgumentException">The person's id is empty.</exception>
    public Task<int> ImportHistoryAsync(Person person, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (string.IsNullOrWhiteSpace(person.PersonId))
        {
            throw new ArgumentException("The person's id must not be empty.", nameof(person));
        }

        return store.RunInPersonTransactionAsync(person.PersonId, async (tx, ct) =>
        {
            // A multiset: the same attempt twice in the history is stored twice, once for good.
            var stored = new Dictionary<ContactAttempt, int>();
            foreach (var attempt in await tx.GetAttemptsAsync(ct).ConfigureAwait(false))
            {
                stored[attempt] = stored.GetValueOrDefault(attempt) + 1;
            }

            var added = 0;
            foreach (var attempt in person.History.OrderBy(a => a.At))
            {
                if (stored.GetValueOrDefault(attempt) is > 0 and var left)
                {
                    stored[attempt] = left - 1;
                    continue;
                }

                await tx.AddAttemptAsync(attempt, null, ct).ConfigureAwait(false);
                added++;
            }

            return added;
        }, cancellationToken);
    }

    internal static CadenceEngine CreateEngine(CadencePolicy policy, CadenceEvaluator evaluator)
        => new(policy, new CadenceEngineOptions { Evaluator = evaluator, IncludeExplanations = true });

    internal static string VersionOf(Assembly assembly)
        => assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "unknown";

    private static ReservationUpdate NotFound(long reservationId) => new(ReservationUpdateStatus.NotFound, null, $"There is no reservation {reservationId}.");

    private static async Task<int> ExpireDueAsync(ILedgerTransaction tx, Instant now, CancellationToken ct)
    {
        var expired = 0;
        foreach (var r in await tx.GetOpenReservationsAsync(ct).ConfigureAwait(false))
        {
            if (r.ExpiresAt > now)
            {
                continue;
            }

            var gone = r with { Status = ReservationStatus.Expired, Outcome = ContactOutcome.Unknown, SettledAt = r.ExpiresAt };
            await tx.UpdateReservationAsync(gone, ct).ConfigureAwait(false);
            await tx.AddAttemptAsync(r.ToAttempt(ContactOutcome.Unknown, r.At), r.Id, ct).ConfigureAwait(false);
            await tx.AddEventAsync(new ReservationEvent(r.Id, r.ExpiresAt, ReservationEventKind.Expired, ContactOutcome.Unknown), ct).ConfigureAwait(false);
            expired++;
        }

        return expired;
    }

    private Person Merge(Person person, IReadOnlyList<ContactAttempt> recorded, IReadOnlyList<Reservation> open)
    {
        if (recorded.Count == 0 && open.Count == 0)
        {
            return person;
        }

        // Multisets: an attempt of the ledger equal to one the host passes is counted once, but the same attempt stored
        // twice (two contacts at one instant, imported so) counts twice, whatever number of copies the host passes.
        var passed = new Dictionary<ContactAttempt, int>();
        foreach (var attempt in person.History)
        {
            passed[attempt] = passed.GetValueOrDefault(attempt) + 1;
        }

        var history = person.History.ToBuilder();
        foreach (var attempt in recorded)
        {
            if (passed.GetValueOrDefault(attempt) is > 0 and var left)
            {
                passed[attempt] = left - 1;
            }
            else
            {
                history.Add(attempt);
            }
        }

        foreach (var r in open)
        {
            history.Add(r.ToAttempt(ContactOutcome.Unknown, r.At));
        }

        return person with { History = history.ToImmutable() };
    }

    private Task<ReserveResult> ReserveCoreAsync(Person person, ProposedContact? contact, Instant now, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        if (string.IsNullOrWhiteSpace(person.PersonId))
        {
            throw new ArgumentException("The person's id must not be empty.", nameof(person));
        }

        return store.RunInPersonTransactionAsync(person.PersonId, async (tx, ct) =>
        {
            if (await tx.FindRequestAsync(idempotencyKey, ct).ConfigureAwait(false) is { } request)
            {
                if (request.PersonId != person.PersonId)
                {
                    throw new ArgumentException($"The idempotency key '{idempotencyKey}' was already used for another person.", nameof(idempotencyKey));
                }

                return await RepeatAsync(tx, request, ct).ConfigureAwait(false);
            }

            await ExpireDueAsync(tx, now, ct).ConfigureAwait(false);
            var merged = Merge(person, await tx.GetAttemptsAsync(ct).ConfigureAwait(false), await tx.GetOpenReservationsAsync(ct).ConfigureAwait(false));
            await tx.SavePolicyAsync(Policy, ct).ConfigureAwait(false);
            Decision? decision = null;
            ContactCheck? check = null;
            string resultJson;
            ReserveStatus status;
            Reservation? reservation = null;
            var escalations = ImmutableArray.CreateBuilder<Reservation>();
            if (contact is null)
            {
                var d = engine.Evaluate(merged, now);
                decision = d;
                resultJson = DecisionJson.Write(d);
                if (IsDueNow(d, now))
                {
                    reservation = ReservationOf(person.PersonId, d, now);
                }

                // Escalations the decision lists as due now on the person's other accounts are actions the host makes
                // too: each is reserved as the main one is, so a second reserve sees them and does not list them again.
                if (d.Kind != DecisionKind.Error)
                {
                    foreach (var escalation in d.Escalations)
                    {
                        if (IsDueNow(escalation, now))
                        {
                            escalations.Add(ReservationOf(person.PersonId, escalation, now));
                        }
                    }
                }

                status = d.Kind == DecisionKind.Error ? ReserveStatus.Error
                    : reservation is not null || escalations.Count > 0 ? ReserveStatus.Reserved
                    : ReserveStatus.NotDue;
            }
            else
            {
                check = engine.Check(merged, contact, now);
                resultJson = DecisionJson.Write(check);
                status = check.Error is not null ? ReserveStatus.Error : check.Allowed ? ReserveStatus.Reserved : ReserveStatus.NotAllowed;
                if (status == ReserveStatus.Reserved)
                {
                    reservation = new Reservation(0, person.PersonId, 0, now, now + options.ReservationTimeToLive, contact.Channel, contact.StepId)
                    {
                        ContactPointId = contact.ContactPointId,
                        AccountIds = contact.AccountIds,
                    };
                }
            }

            var record = new LedgerDecisionRecord(
                0,
                person.PersonId,
                now,
                contact is null ? LedgerOperation.Evaluate : LedgerOperation.Check,
                Policy.Id,
                DateTimeZoneProviders.Tzdb.VersionId,
                CadenceVersion,
                resultJson,
                PersonJson.Write(merged),
                contact is null ? null : ProposedContactJson.Write(contact));
            var decisionId = await tx.AddDecisionAsync(record, ct).ConfigureAwait(false);
            if (reservation is not null)
            {
                reservation = await AddReservationAsync(tx, reservation with { DecisionId = decisionId }, ct).ConfigureAwait(false);
            }

            for (var i = 0; i < escalations.Count; i++)
            {
                escalations[i] = await AddReservationAsync(tx, escalations[i] with { DecisionId = decisionId }, ct).ConfigureAwait(false);
            }

            await tx.AddRequestAsync(new LedgerRequest(idempotencyKey, person.PersonId, decisionId, reservation?.Id), ct).ConfigureAwait(false);
            return new ReserveResult { Status = status, DecisionId = decisionId, Decision = decision, Check = check, Reservation = reservation, Escalations = escalations.DrainToImmutable() };
        }, cancellationToken);
    }

    /// <summary>Whether a decision is an action with a step whose instant has come.</summary>
    private static bool IsDueNow(Decision decision, Instant now)
        => decision.Kind is DecisionKind.Contact or DecisionKind.Escalate && decision.NotBefore <= now && decision.Step is not null;

    private static async Task<Reservation> AddReservationAsync(ILedgerTransaction tx, Reservation reservation, CancellationToken ct)
    {
        var added = reservation with { Id = await tx.AddReservationAsync(reservation, ct).ConfigureAwait(false) };
        await tx.AddEventAsync(new ReservationEvent(added.Id, added.At, ReservationEventKind.Reserved), ct).ConfigureAwait(false);
        return added;
    }

    private Reservation ReservationOf(string personId, Decision decision, Instant now)
        => new(0, personId, 0, now, now + options.ReservationTimeToLive, decision.Channel ?? Channel.None, decision.Step!.Id)
        {
            ContactPointId = decision.ContactPointId,
            AccountIds = decision.AccountIds,
        };

    private async Task<ReserveResult> RepeatAsync(ILedgerTransaction tx, LedgerRequest request, CancellationToken ct)
    {
        var record = await tx.GetDecisionAsync(request.DecisionId, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The ledger's request '{request.Key}' names decision {request.DecisionId}, which is not stored.");
        // The reservations as they were made: the main one, and those of the escalations listed beside it.
        Reservation? reservation = null;
        var escalations = ImmutableArray.CreateBuilder<Reservation>();
        foreach (var r in await tx.GetReservationsAsync(ct).ConfigureAwait(false))
        {
            if (r.DecisionId != record.Id)
            {
                continue;
            }

            var made = r with { Status = ReservationStatus.Open, Outcome = null, SettledAt = null };
            if (r.Id == request.ReservationId)
            {
                reservation = made;
            }
            else
            {
                escalations.Add(made);
            }
        }

        var policy = record.PolicyId == Policy.Id ? engine.Policy
            : (await store.GetPolicyAsync(record.PolicyId, ct).ConfigureAwait(false))?.Load()
              ?? throw new InvalidOperationException($"The ledger's decision {record.Id} names policy {record.PolicyId}, which is not stored.");
        if (record.Operation == LedgerOperation.Evaluate)
        {
            var decision = DecisionJson.Read(record.ResultJson, policy);
            var status = decision.Kind == DecisionKind.Error ? ReserveStatus.Error
                : reservation is not null || escalations.Count > 0 ? ReserveStatus.Reserved
                : ReserveStatus.NotDue;
            return new ReserveResult { Status = status, DecisionId = record.Id, Decision = decision, Reservation = reservation, Escalations = escalations.DrainToImmutable(), Repeated = true };
        }

        // A check cannot be read back from its record; it is the same function of the same stored inputs.
        ContactCheck? check = null;
        if (record.InputsJson is { } inputs && record.ProposedJson is { } proposed && PersonJson.Read(inputs).ToPerson() is { } person)
        {
            var checker = ReferenceEquals(policy, engine.Policy) ? engine : CreateEngine(policy, options.Evaluator);
            check = checker.Check(person, ProposedContactJson.Read(proposed), record.Now);
        }

        var checkStatus = reservation is not null ? ReserveStatus.Reserved : check?.Error is not null ? ReserveStatus.Error : ReserveStatus.NotAllowed;
        return new ReserveResult { Status = checkStatus, DecisionId = record.Id, Check = check, Reservation = reservation, Repeated = true };
    }
}
