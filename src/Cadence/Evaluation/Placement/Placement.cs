using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Placement;

/// <summary>The outcome of placing a candidate in time.</summary>
internal readonly record struct Placement(Instant? NotBefore, ReasonCode DropReason, string? DropRule, Instant? DropUntil)
{
    public bool IsPlaced => NotBefore is not null;
}
