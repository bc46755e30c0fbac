using System.Collections.Immutable;
using System.Globalization;
using NodaTime;

namespace Cadence.Evaluation.Facts;

/// <summary>
/// Whether a person or a single account can be evaluated: one list of checks, written once. Without a collector it
/// stops at the first problem and allocates nothing (the hot path); with one, it collects every problem in plain words,
/// each naming where it is (<c>accounts[1].holds[0]</c>).
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
        var c = new Collector(problems);
        _ = (string.IsNullOrWhiteSpace(state.AccountId) && c.Problem("accountId is empty"))
            || Zones(policy, state.TimeZoneIds, "the account", ref c)
            || Points(state.ContactPoints, onePerChannel: true, ref c)
            || Holds(state.Holds, -1, ref c)
            || History(state.History, ref c);
        return c.Valid;
    }

    /// <summary>Checks <paramref name="person"/>; every problem goes to <paramref name="problems"/> when given.</summary>
    /// <returns><see langword="true"/> when the person can be evaluated.</returns>
    public static bool Check(CadencePolicy policy, Person person, List<string>? problems)
    {
        var c = new Collector(problems);
        _ = (string.IsNullOrWhiteSpace(person.PersonId) && c.Problem("personId is empty"))
            || Zones(policy, person.TimeZoneIds, "the person", ref c)
            || Points(person.ContactPoints, onePerChannel: false, ref c)
            || Holds(person.Holds, -1, ref c)
            || History(person.History, ref c)
            || Accounts(person.Accounts, ref c);
        return c.Valid;
    }

    /// <summary>Every problem of an invalid account, in one message naming the account.</summary>
    public static string Describe(CadencePolicy policy, BorrowerState state)
    {
        var problems = new List<string>();
        Check(policy, state, problems);
        return $"account '{state.AccountId}': {string.Join("; ", problems)}";
    }

    /// <summary>Every problem of an invalid person, in one message naming the person.</summary>
    public static string Describe(CadencePolicy policy, Person person)
    {
        var problems = new List<string>();
        Check(policy, person, problems);
        return $"person '{person.PersonId}': {string.Join("; ", problems)}";
    }

    // Each check returns true when it must stop (a problem found without a collector).
    private static bool Zones(CadencePolicy policy, ImmutableArray<string> zones, string who, ref Collector c)
    {
        for (var i = 0; i < zones.Length; i++)
        {
            var id = zones[i];
            if ((id is null || policy.ZoneProvider.GetZoneOrNull(id) is null)
                && c.Problem(Inv($"timeZoneIds[{i}] '{id}' is not a known IANA time zone")))
            {
                return true;
            }
        }

        return zones.IsEmpty && policy.DefaultZone is null
            && c.Problem($"{who} has no time zone and policy '{policy.Name}' has no default zone");
    }

    private static bool Points(ImmutableArray<ContactPoint> points, bool onePerChannel, ref Collector c)
    {
        var channels = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var point = points[i];
            var problem = point is null ? Inv($"contactPoints[{i}] is null")
                : point.Channel == Channel.None || !Defined(point.Channel) ? Inv($"contactPoints[{i}] has no valid channel")
                : (uint)point.Kind > (uint)ContactPointKind.Other ? Inv($"contactPoints[{i}] has an unknown kind")
                : onePerChannel && (channels & (1 << (int)point.Channel)) != 0 ? Inv($"contactPoints[{i}] is a second contact point for {point.Channel}")
                : string.IsNullOrWhiteSpace(point.Id) ? Inv($"contactPoints[{i}] has an empty id")
                : !onePerChannel && IndexOfId(points, point.Id, i) is var first and >= 0 ? Inv($"contactPoints[{i}] has the id '{point.Id}' of contactPoints[{first}]")
                : null;
            if (problem is null)
            {
                channels |= 1 << (int)point!.Channel;
            }
            else if (c.Problem(problem))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Holds(ImmutableArray<Hold> holds, int account, ref Collector c)
    {
        for (var i = 0; i < holds.Length; i++)
        {
            var hold = holds[i];
            var problem = hold is null || string.IsNullOrWhiteSpace(hold.Kind.Name) ? Inv($"holds[{i}] has no kind")
                : !InRange(hold.From) || (hold.Until is { } end && !InRange(end)) ? Inv($"holds[{i}] ('{hold.Kind}') is outside the years 2 to 9998")
                : hold.Until is { } until && until < hold.From ? Inv($"holds[{i}] ('{hold.Kind}') ends ({until}) before it starts ({hold.From})")
                : hold.PromisedDate is { Year: < 2 or > 9997 } promised ? Inv($"holds[{i}] ('{hold.Kind}') has a promised date ({promised:uuuu-MM-dd}) outside the years 2 to 9997")
                : null;
            if (problem is not null && c.Problem(account < 0 ? problem : Inv($"accounts[{account}].{problem}")))
            {
                return true;
            }
        }

        return false;
    }

    private static bool History(ImmutableArray<ContactAttempt> history, ref Collector c)
    {
        for (var i = 0; i < history.Length; i++)
        {
            var a = history[i];
            var problem = a is null ? Inv($"history[{i}] is null")
                : !Defined(a.Channel) || (uint)a.Direction > (uint)ContactDirection.Inbound || (uint)a.Outcome > (uint)ContactOutcome.Unknown ? Inv($"history[{i}] has an unknown channel, direction or outcome")
                : !InRange(a.At) ? Inv($"history[{i}] is at {a.At}, outside the years 2 to 9998")
                : !a.AccountIds.IsEmpty && HasNull(a.AccountIds) ? Inv($"history[{i}] names an empty account id")
                : null;
            if (problem is not null && c.Problem(problem))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Accounts(ImmutableArray<Account> accounts, ref Collector c)
    {
        if (accounts.IsEmpty)
        {
            return c.Problem("the person has no account");
        }

        for (var i = 0; i < accounts.Length; i++)
        {
            var a = accounts[i];
            var problem = a is null ? Inv($"accounts[{i}] is null")
                : string.IsNullOrWhiteSpace(a.AccountId) ? Inv($"accounts[{i}] has an empty accountId")
                : IndexOfAccount(accounts, a.AccountId, i) is var first and >= 0 ? Inv($"accounts[{i}] has the accountId '{a.AccountId}' of accounts[{first}]")
                : HasNull(a.Tags) ? Inv($"accounts[{i}] has an empty tag")
                : null;
            if ((problem is not null && c.Problem(problem)) || (a is not null && Holds(a.Holds, i, ref c)))
            {
                return true;
            }
        }

        return false;
    }

    private static int IndexOfId(ImmutableArray<ContactPoint> points, string id, int before)
    {
        for (var j = 0; j < before; j++)
        {
            if (points[j] is { } p && string.Equals(p.Id, id, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static int IndexOfAccount(ImmutableArray<Account> accounts, string id, int before)
    {
        for (var j = 0; j < before; j++)
        {
            if (accounts[j] is { } a && string.Equals(a.AccountId, id, StringComparison.Ordinal))
            {
                return j;
            }
        }

        return -1;
    }

    private static bool HasNull(ImmutableArray<string> ids)
    {
        foreach (var id in ids)
        {
            if (string.IsNullOrEmpty(id))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="channel"/> is one of the channels (a range check: the values run from None to Push).</summary>
    private static bool Defined(Channel channel) => (uint)channel <= (uint)Channel.Push;

    private static bool InRange(Instant instant) => instant >= Earliest && instant <= Latest;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether any problem was found, and where problems go when they are collected.</summary>
    private struct Collector(List<string>? problems)
    {
        public bool Valid { get; private set; } = true;

        /// <summary>Notes a problem; <see langword="true"/> when checking must stop (nothing collects them).</summary>
        public bool Problem(string message)
        {
            Valid = false;
            problems?.Add(message);
            return problems is null;
        }
    }
}
