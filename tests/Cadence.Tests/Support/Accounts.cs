using System.Collections.Immutable;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Tests.Support;

internal static class Accounts
{
    public static Instant At(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value;

    public static Instant Local(string zoneId, int y, int m, int d, int h, int min = 0)
        => DateTimeZoneProviders.Tzdb[zoneId].AtStrictly(new LocalDateTime(y, m, d, h, min)).ToInstant();

    public static BorrowerState Borrower(string id, LocalDate due, params string[] zones) => new(id)
    {
        TimeZoneIds = [.. zones],
        DueDate = due,
        AmountDue = new Money(250m, "USD"),
        ContactPoints = [new ContactPoint(Channel.Email), new ContactPoint(Channel.Sms), new ContactPoint(Channel.Call), new ContactPoint(Channel.Letter), new ContactPoint(Channel.Visit)],
    };

    public static BorrowerState WithHistory(this BorrowerState state, params ContactAttempt[] attempts)
        => state with { History = state.History.AddRange(attempts) };

    public static BorrowerState WithPoint(this BorrowerState state, ContactPoint point)
        => state with { ContactPoints = [.. state.ContactPoints.Where(p => p.Channel != point.Channel), point] };

    public static BorrowerState WithHolds(this BorrowerState state, params Hold[] holds)
        => state with { Holds = [.. state.Holds, .. holds] };

    public static ImmutableArray<T> Arr<T>(params T[] items) => [.. items];
}
