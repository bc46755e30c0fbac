using NodaTime;
using NodaTime.Testing;

namespace Cadence.Samples.Worker.Tests;

public sealed class SimulatedClockTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 9, 14, 30);

    [Fact]
    public void GetCurrentInstant_FirstRead_IsTheStartHoweverLongAfterCreationItIs()
    {
        var source = new FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0));
        var clock = new SimulatedClock(source, Start, 3600);
        source.Advance(Duration.FromMinutes(10));

        Assert.Equal(Start, clock.GetCurrentInstant());
    }

    [Fact]
    public void GetCurrentInstant_AfterTheFirstRead_RunsSpeedTimesFasterThanItsSource()
    {
        var source = new FakeClock(Instant.FromUtc(2030, 1, 1, 0, 0));
        var clock = new SimulatedClock(source, Start, 3600);
        clock.GetCurrentInstant();

        source.Advance(Duration.FromSeconds(1.5));

        Assert.Equal(Start + Duration.FromMinutes(90), clock.GetCurrentInstant());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_SpeedNotPositive_Throws(double speed)
        => Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatedClock(new FakeClock(Start), Start, speed));
}
