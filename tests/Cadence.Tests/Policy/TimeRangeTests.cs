using NodaTime;

namespace Cadence.Tests.Policy;

public sealed class TimeRangeTests
{
    [Fact]
    public void Of_TwentyFourHundred_EndsAtTheEndOfTheDay()
    {
        var range = TimeRange.Of(20, 0, 24, 0);

        Assert.Equal(LocalTime.Midnight, range.End);
        Assert.True(range.IsValid);
        Assert.Equal("20:00–24:00", range.ToString());
    }

    [Fact]
    public void IsValid_EndBeforeStart_IsFalse()
    {
        Assert.False(new TimeRange(new LocalTime(21, 0), new LocalTime(8, 0)).IsValid);
        Assert.False(new TimeRange(new LocalTime(8, 0), new LocalTime(8, 0)).IsValid);
        Assert.True(TimeRange.WholeDay.IsValid);
    }
}
