using NodaTime;

namespace Cadence;

/// <summary>
/// A way to reach the borrower on one channel (a number, an address), described without its personal data: an id is
/// enough.
/// </summary>
/// <param name="Channel">The channel this contact point serves.</param>
/// <remarks>
/// A person may have several contact points per channel (a mobile and a home phone); each has its own opt-out, consent,
/// workplace flag and exhaustion. Replacing the number or address is recorded by a later <see cref="UpdatedAt"/>:
/// failures before it no longer count towards exhaustion. Immutable and thread-safe.
/// </remarks>
public sealed record ContactPoint(Channel Channel)
{
    private static readonly string[] ChannelIds = ["none", "email", "sms", "call", "letter", "visit", "push"];

    /// <summary>
    /// The contact point's id, unique among the person's points; attempts name it in
    /// <see cref="ContactAttempt.ContactPointId"/>. Left unset, it is the channel's name (<c>call</c>, <c>sms</c>,
    /// <c>email</c>, <c>letter</c>, <c>visit</c>, <c>push</c>), which is what an account with one point per channel uses.
    /// </summary>
    public string Id
    {
        get => field ?? DefaultId(Channel);
        init;
    }

    /// <summary>What the contact point is (mobile, landline, work number, personal e-mail…).</summary>
    public ContactPointKind Kind { get; init; }

    /// <summary>The borrower asked not to be contacted at this address or number.</summary>
    public bool OptedOut { get; init; }

    /// <summary>The borrower gave the consent the policy may require for this channel.</summary>
    public bool ConsentGiven { get; init; }

    /// <summary>The address or number belongs to the borrower's workplace.</summary>
    public bool IsWorkplace { get; init; }

    /// <summary>When the address or number was last changed; <see langword="null"/> when never.</summary>
    public Instant? UpdatedAt { get; init; }

    /// <summary>The id a contact point of <paramref name="channel"/> has when none is given: the channel's name in lower case.</summary>
    /// <param name="channel">A channel.</param>
    /// <returns>The id.</returns>
    public static string DefaultId(Channel channel) => (uint)channel < (uint)ChannelIds.Length ? ChannelIds[(int)channel] : channel.ToString().ToLowerInvariant();

    /// <summary>Whether <paramref name="other"/> has the same values (an unset id equals the channel's name).</summary>
    /// <param name="other">Another contact point.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(ContactPoint? other)
        => other is not null && Channel == other.Channel && string.Equals(Id, other.Id, StringComparison.Ordinal) && Kind == other.Kind
           && OptedOut == other.OptedOut && ConsentGiven == other.ConsentGiven && IsWorkplace == other.IsWorkplace && UpdatedAt == other.UpdatedAt;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Channel, Id, Kind, OptedOut, ConsentGiven, IsWorkplace, UpdatedAt);
}
