namespace Cadence.Ledger.LoadWorker;

/// <summary>What one worker did in a run.</summary>
public sealed record WorkerReport
{
    /// <summary>Reserves sent.</summary>
    public int Reserves { get; set; }

    /// <summary>Reserves that made a reservation.</summary>
    public int Reserved { get; set; }

    /// <summary>Reserves answered as repeats of another worker's request with the same key.</summary>
    public int Repeated { get; set; }

    /// <summary>Reservations completed.</summary>
    public int Completed { get; set; }

    /// <summary>Reservations cancelled (the contact was not made).</summary>
    public int Cancelled { get; set; }

    /// <summary>Reservations left open on purpose, to expire.</summary>
    public int Abandoned { get; set; }

    /// <summary>Reserves that found nothing due.</summary>
    public int NotDue { get; set; }
}
