using Cadence.Testing;
using Cadence.Tests.Support;
using Cadence.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Cadence.Tests.Time;

public sealed class LocalTimeResolutionTests
{
    public static Arbitrary<(string Zone, LocalDateTime Local)> NearTransitions() =>
        Arb.From(
            from zone in Gen.Elements(CadenceArbitraries.Zones.Append("Asia/Tehran").Append("Pacific/Chatham").Append("America/St_Johns").ToArray())
            from instant in CadenceArbitraries.InstantsNearTransitions(zone)
            from minutes in Gen.Choose(-180, 180)
            select (zone, (instant + Duration.FromMinutes(minutes)).InUtc().LocalDateTime));

    [Property(MaxTest = 3000, Arbitrary = [typeof(LocalTimeResolutionTests)])]
    public void Resolve_GivesNodaTimesAnswer_InGapsOverlapsAndOrdinaryTimes((string Zone, LocalDateTime Local) input)
    {
        var zone = DateTimeZoneProviders.Tzdb[input.Zone];

        Assert.Equal(zone.ResolveLocal(input.Local, LocalTimeResolution.WindowStart).ToInstant(), LocalTimeResolution.Resolve(zone, input.Local, later: true));
        Assert.Equal(zone.ResolveLocal(input.Local, LocalTimeResolution.WindowEnd).ToInstant(), LocalTimeResolution.Resolve(zone, input.Local, later: false));
        Assert.Equal(zone.AtStartOfDay(input.Local.Date).ToInstant(), LocalTimeResolution.StartOfDay(zone, input.Local.Date));
    }

    [Theory]
    [InlineData("America/New_York", "2026-03-08T02:30", true, "2026-03-08T07:00:00Z")]
    [InlineData("America/New_York", "2026-11-01T01:30", true, "2026-11-01T06:30:00Z")]
    [InlineData("America/New_York", "2026-11-01T01:30", false, "2026-11-01T05:30:00Z")]
    [InlineData("America/Santiago", "2026-09-06T00:00", false, "2026-09-06T04:00:00Z")]
    public void Resolve_KnownGapsAndOverlaps(string zoneId, string local, bool later, string expected)
    {
        var time = NodaTime.Text.LocalDateTimePattern.GeneralIso.Parse(local + ":00").Value;

        Assert.Equal(Accounts.At(expected), LocalTimeResolution.Resolve(DateTimeZoneProviders.Tzdb[zoneId], time, later));
    }
}
