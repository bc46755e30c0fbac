using System.Text;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Json.Tests;

public sealed class Utf8InstantTests
{
    /// <summary>Instants of years 1 to 9999, whole seconds or with a fraction of every length.</summary>
    private static readonly Gen<Instant> Instants =
        from day in Gen.Choose(0, (int)(Instant.FromUtc(9999, 12, 31, 0, 0) - Instant.FromUtc(1, 1, 1, 0, 0)).TotalDays)
        from second in Gen.Choose(0, 86_399)
        from nanos in Gen.OneOf(Gen.Constant(0), Gen.Choose(0, 99), Gen.Choose(0, 999).Select(ms => ms * 1_000_000), Gen.Choose(0, 999_999_999))
        select Instant.FromUtc(1, 1, 1, 0, 0) + Duration.FromDays(day) + Duration.FromSeconds(second) + Duration.FromNanoseconds(nanos);

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
    public void Format_TheLongestInstant_FitsInMaxLength()
    {
        // A year before 1 takes a sign, and a fraction of nine digits the most bytes after the seconds.
        var longest = Instant.MinValue + Duration.FromNanoseconds(123_456_789);

        Assert.Equal(Utf8Instant.MaxLength, InstantPattern.ExtendedIso.Format(longest).Length);
        Assert.Equal(InstantPattern.ExtendedIso.Format(longest), Format(longest));
    }

    [Fact]
    public void Format_AnyInstant_IsWhatThePatternWrites()
        => Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Instants.ToArbitrary(), i => Format(i) == InstantPattern.ExtendedIso.Format(i)));

    [Theory]
    [InlineData("2026-03-08T15:30:00Z")]
    [InlineData("2026-03-08T15:30:00.5Z")]
    [InlineData("2024-02-29T23:59:59.999999999Z")]
    [InlineData("2000-02-29T00:00:00Z")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-03-01T12:00:00.000000001Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59.999999999Z")]
    public void TryParsePlain_APlainInstant_ReadsWhatThePatternReads(string text)
    {
        Assert.True(Utf8Instant.TryParsePlain(Encoding.UTF8.GetBytes(text), out var instant));
        Assert.Equal(InstantPattern.ExtendedIso.Parse(text).Value, instant);
    }

    [Theory]
    [InlineData("2026-03-08T15:30:00")]
    [InlineData("2026-03-08T15:30:00+01:00")]
    [InlineData("2026-03-08 15:30:00Z")]
    [InlineData("2026-3-08T15:30:00Z")]
    [InlineData("2026-02-29T15:30:00Z")]
    [InlineData("1900-02-29T15:30:00Z")]
    [InlineData("2026-04-31T15:30:00Z")]
    [InlineData("2026-13-01T15:30:00Z")]
    [InlineData("2026-00-01T15:30:00Z")]
    [InlineData("2026-01-00T15:30:00Z")]
    [InlineData("2026-03-08T24:00:00Z")]
    [InlineData("2026-03-08T15:60:00Z")]
    [InlineData("2026-03-08T15:30:60Z")]
    [InlineData("2026-03-08T15:30:00.Z")]
    [InlineData("2026-03-08T15:30:00,5Z")]
    [InlineData("2026-03-08T15:30:00.1234567891Z")]
    [InlineData("+026-03-08T15:30:00Z")]
    [InlineData("2026-03-08T1a:30:00Z")]
    [InlineData("")]
    public void TryParsePlain_AnythingElse_IsNotRead(string text)
        => Assert.False(Utf8Instant.TryParsePlain(Encoding.UTF8.GetBytes(text), out _));

    [Fact]
    public void TryParsePlain_WhatFormatWrites_ReadsBackTheSameInstant()
    {
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(Instants.ToArbitrary(), i =>
        {
            Span<byte> text = stackalloc byte[Utf8Instant.MaxLength];
            var length = Utf8Instant.Format(i, text);
            return Utf8Instant.TryParsePlain(text[..length], out var read) && read == i;
        }));
    }

    [Fact]
    public void TryParsePlain_AnyTextItReads_ThePatternReadsToTheSameInstant()
    {
        // Plain instants with one character replaced by a digit, a separator or a letter: most are no instant at all.
        var plain = from year in Gen.Choose(0, 9999)
                    from month in Gen.Choose(0, 13)
                    from day in Gen.Choose(0, 32)
                    from hour in Gen.Choose(0, 25)
                    from minute in Gen.Choose(0, 61)
                    from second in Gen.Choose(0, 61)
                    from fraction in Gen.Elements("", ".5", ".123456789", ".0", ".")
                    select FormattableString.Invariant($"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}{fraction}Z");
        var texts = from text in plain
                    from at in Gen.Choose(0, text.Length - 1)
                    from replacement in Gen.Elements('0', '9', '-', ':', 'T', 'Z', '.', 'x', ' ')
                    from mutate in Gen.Elements(true, false)
                    select mutate ? text[..at] + replacement + text[(at + 1)..] : text;

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(5000), Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var read = Utf8Instant.TryParsePlain(Encoding.UTF8.GetBytes(text), out var instant);
            var pattern = InstantPattern.ExtendedIso.Parse(text);
            return (!read || (pattern.Success && pattern.Value == instant)).Label($"{text}: read {read} {instant}, pattern {pattern.Success}");
        }));
    }
}
