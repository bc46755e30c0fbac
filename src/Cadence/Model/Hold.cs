using NodaTime;

namespace Cadence;

/// <summary>A hold on an account, effective over <c>[From, Until)</c>; holds may be back-dated.</summary>
/// <param name="Kind">What kind of hold it is.</param>
/// <param name="From">When it takes effect.</param>
/// <param name="Until">When it ends; <see langword="null"/> when open-ended.</param>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record Hold(HoldKind Kind, Instant From, Instant? Until = null)
{
    /// <summary>For a promise to pay: the local date the borrower promised to pay by.</summary>
    public LocalDate? PromisedDate { get; init; }

    /// <summary>Whether the hold is in effect at <paramref name="instant"/>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> when <c>From &lt;= instant &lt; Until</c>.</returns>
    public bool IsActiveAt(Instant instant) => From <= instant && (Until is null || instant < Until.Value);
}
