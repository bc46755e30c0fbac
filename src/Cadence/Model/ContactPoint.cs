using NodaTime;

namespace Cadence;

/// <summary>
/// A way to reach the borrower on one channel (an address, a number), described without its personal data.
/// </summary>
/// <param name="Channel">The channel this contact point serves.</param>
/// <remarks>
/// An account has at most one contact point per channel. Replacing the number or address is recorded by a later
/// <see cref="UpdatedAt"/>: failures before it no longer count towards exhaustion. Immutable and thread-safe.
/// </remarks>
public sealed record ContactPoint(Channel Channel)
{
    /// <summary>The borrower asked not to be contacted at this address or number.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The borrower gave the consent the policy may require for this channel.</summary>
    public bool ConsentGiven { get; init; }

    /// <summary>The address or number belongs to the borrower's workplace.</summary>
    public bool IsWorkplace { get; init; }

    /// <summary>When the address or number was last changed; <see langword="null"/> when never.</summary>
    public Instant? UpdatedAt { get; init; }
}
