using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Json.Tests;

public sealed class Utf8InstantTests
{
    private static string Format(Instant instant)
    {
        Span<byte> text = stackalloc byte[Utf8Instant.MaxLength];
        return Encoding.UTF8.GetString(text[..Utf8Instant.Format(instant, text)]);
    }

    [Theory]
    [InlineData("2026-03-08T15:30:00Z")]
    [InlineData("2026-03-08T15:30:00.5Z")]
    [InlineData("2026-03-08T15:30:00.123Z")]
    [InlineData("2026-03-08T15:30:00.000000001Z")]
    [InlineData("2026-03-08T15:30:00.12345678Z")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    [InlineData("1970-01-01T00:00:00Z")]
    public void Format_WritesTheExtendedIsoText_TrailingZerosOfTheFractionLeftOut(string text)
        => Assert.Equal(text, Format(InstantPattern.ExtendedIso.Parse(text).Value));

    [Fact]
    public void Format_AYearBeforeOne_IsLeftToThePattern()
        => Assert.Equal(InstantPattern.ExtendedIso.Format(Instant.MinValue), Format(Instant.MinValue));

    [Fact]
    public void Format_AnyInstant_IsWhatThePatternWrites()
    {
        var start = Instant.FromUtc(1, 1, 1, 0, 0);
        var days = (int)(Instant.FromUtc(9999, 12, 31, 0, 0) - start).TotalDays;
        var instants = from day in Gen.Choose(0, days)
                       from second in Gen.Choose(0, 86_399)
                       from nanos in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 99), Gen.Choose(0, 999).Select(ms => ms * 1_000_000), Gen.Choose(0, 999_999_999))
                       select start + Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos);

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(instants.ToArbitrary(), i => Format(i) == InstantPattern.ExtendedIso.Format(i)));
    }
}
