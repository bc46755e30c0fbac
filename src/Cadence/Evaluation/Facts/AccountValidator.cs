using System.Globalization;
using NodaTime;

namespace Cadence.Evaluation.Facts;

/// <summary>
/// Whether an account can be evaluated: one list of checks, written once. Without a collector it stops at the first
/// problem and allocates nothing (the hot path); with one, it collects every problem in plain words.
/// </summary>
internal static class AccountValidator
{
    /// <summary>Instants whose local date every zone can compute, with room for any offset and cooldown.</summary>
    private static readonly Instant Earliest = Instant.FromUtc(2, 1, 1, 0, 0);

    private static readonly Instant Latest = Instant.FromUtc(9998, 12, 31, 0, 0);

    /// <summary>Checks <paramref name="state"/>; every problem goes to <paramref name="problems"/> when given.</summary>
    /// <returns><see langword="true"/> when the account can be evaluated.</returns>
    public static bool Check(CadencePolicy policy, BorrowerState state, List<string>? problems)
    {
        var valid = true;
        bool Problem(string message)
        {
            valid = false;
            problems?.Add(message);
            return problems is null;
        }

        if (string.IsNullOrWhiteSpace(state.AccountId) && Problem("accountId is empty"))
        {
            return false;
        }

        for (var i = 0; i < state.TimeZoneIds.Length; i++)
        {
            var id = state.TimeZoneIds[i];
            if ((id is null || policy.ZoneProvider.GetZoneOrNull(id) is null)
                && Problem(Inv($"timeZoneIds[{i}] '{id}' is not a known IANA time zone")))
            {
                return false;
            }
        }

        if (state.TimeZoneIds.IsEmpty && policy.DefaultZone is null
            && Problem($"the account has no time zone and policy '{policy.Name}' has no default zone"))
        {
            return false;
        }

        var channels = 0;
        for (var i = 0; i < state.ContactPoints.Length; i++)
        {
            var point = state.ContactPoints[i];
            var problem = point is null ? Inv($"contactPoints[{i}] is null")
                : point.Channel == Channel.None || !Enum.IsDefined(point.Channel) ? Inv($"contactPoints[{i}] has no valid channel")
                : (channels & (1 << (int)point.Channel)) != 0 ? Inv($"contactPoints[{i}] is a second contact point for {point.Channel}")
                : null;
            if (problem is null)
            {
                channels |= 1 << (int)point!.Channel;
            }
            else if (Problem(problem))
            {
                return false;
            }
        }

        for (var i = 0; i < state.Holds.Length; i++)
        {
            var hold = state.Holds[i];
            var problem = hold is null || string.IsNullOrWhiteSpace(hold.Kind.Name) ? Inv($"holds[{i}] has no kind")
                : !InRange(hold.From) || (hold.Until is { } end && !InRange(end)) ? Inv($"holds[{i}] ('{hold.Kind}') is outside the years 2 to 9998")
                : hold.Until is { } until && until < hold.From ? Inv($"holds[{i}] ('{hold.Kind}') ends ({until}) before it starts ({hold.From})")
                : hold.PromisedDate is { Year: < 2 or > 9997 } promised ? Inv($"holds[{i}] ('{hold.Kind}') has a promised date ({promised:uuuu-MM-dd}) outside the years 2 to 9997")
                : null;
            if (problem is not null && Problem(problem))
            {
                return false;
            }
        }

        for (var i = 0; i < state.History.Length; i++)
        {
            var a = state.History[i];
            var problem = a is null ? Inv($"history[{i}] is null")
                : !Enum.IsDefined(a.Channel) || !Enum.IsDefined(a.Direction) || !Enum.IsDefined(a.Outcome) ? Inv($"history[{i}] has an unknown channel, direction or outcome")
                : !InRange(a.At) ? Inv($"history[{i}] is at {a.At}, outside the years 2 to 9998")
                : null;
            if (problem is not null && Problem(problem))
            {
                return false;
            }
        }

        return valid;
    }

    /// <summary>Every problem of an invalid account, in one message naming the account.</summary>
    public static string Describe(CadencePolicy policy, BorrowerState state)
    {
        var problems = new List<string>();
        Check(policy, state, problems);
        return $"account '{state.AccountId}': {string.Join("; ", problems)}";
    }

    private static bool InRange(Instant instant) => instant >= Earliest && instant <= Latest;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
