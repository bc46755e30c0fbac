using NodaTime;

namespace Cadence.Simulation;

/// <summary>How a closed-loop simulation runs: the period, the step of its clock, the seed and the outcome model.</summary>
public sealed record SimulationOptions
{
    /// <summary>The first instant of the simulation.</summary>
    public required Instant Start { get; init; }

    /// <summary>The end of the simulation (exclusive).</summary>
    public required Instant End { get; init; }

    /// <summary>The step of the simulation's clock: accounts due for review are evaluated at every step. One hour by default.</summary>
    public Duration Step { get; init; } = Duration.FromHours(1);

    /// <summary>The seed of the outcome model's random draws; the same seed gives the same run.</summary>
    public int Seed { get; init; }

    /// <summary>How borrowers respond to contacts.</summary>
    public OutcomeModel Outcomes { get; init; } = OutcomeModel.Default;

    /// <summary>The zone whose calendar days the daily statistics use. UTC by default.</summary>
    public DateTimeZone ReportingZone { get; init; } = DateTimeZone.Utc;

    /// <summary>Whether to re-verify the contact log with the <see cref="ComplianceChecker"/> at the end. On by default.</summary>
    public bool CheckCompliance { get; init; } = true;
}
