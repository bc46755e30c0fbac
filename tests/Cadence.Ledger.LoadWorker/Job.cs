using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Ledger.LoadWorker;

/// <summary>
/// A scheduler's next job for a person: review them at <paramref name="Due"/>, expecting <paramref name="Step"/> (from
/// the last answer; <c>review</c> when none is expected). Host state, kept in the harness's table beside the ledger.
/// </summary>
/// <param name="PersonId">The person.</param>
/// <param name="PersonIndex">The person's position in the run, from 0.</param>
/// <param name="Scheduler">The scheduler that emitted it.</param>
/// <param name="Due">When it is due.</param>
/// <param name="Step">The step the scheduler expects.</param>
public sealed record Job(string PersonId, int PersonIndex, int Scheduler, Instant Due, string Step)
{
    /// <summary>The step of a job that expects none: the first review, or one after a contact or a wait.</summary>
    public const string Review = "review";

    /// <summary>
    /// The job's idempotency key, derived from the person, the step and the due instant (and the scheduler, whose job ids
    /// are its own): every worker handed the same job sends the same key, and no two jobs share one.
    /// </summary>
    public string IdempotencyKey
        => string.Create(CultureInfo.InvariantCulture, $"{PersonId}/{Step}/{InstantPattern.ExtendedIso.Format(Due)}/s{Scheduler}");
}
