using Cadence.Tests.Support;
using Cadence.Jurisdictions;
using NodaTime;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary><see cref="JurisdictionPacks"/> as a catalogue: the packs by id, and what a pack needs to be built.</summary>
public sealed class JurisdictionPacksTests
{
    public static TheoryData<string> Ids => [.. JurisdictionPacks.Ids];

    private static CadencePolicy Direct(string id) => id switch
    {
        JurisdictionPacks.UsRegulationFId => JurisdictionPacks.UsRegulationF(),
        JurisdictionPacks.UsMassachusettsId => JurisdictionPacks.UsMassachusetts(),
        JurisdictionPacks.Russia230FzId => JurisdictionPacks.Russia230Fz(Russia2026),
        JurisdictionPacks.ChinaId => JurisdictionPacks.China(),
        JurisdictionPacks.UnitedKingdomId => JurisdictionPacks.UnitedKingdom(),
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "not a pack"),
    };

    [Fact]
    public void Ids_AreTheFivePacksInOrder()
    {
        Assert.Equal(["us-regulation-f", "us-massachusetts", "ru-230-fz", "cn-collection", "uk-fca"], JurisdictionPacks.Ids);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Create_EachId_IsThePackOfThatIdWithItsDefaults(string id)
    {
        var pack = JurisdictionPacks.Create(id, Russia2026);

        Assert.Equal(id, pack.Name);
        Assert.Equal(Direct(id), pack);
        Assert.Empty(pack.Steps);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Create_EachId_ComposesWithALenderAndDecides(string id)
    {
        var engine = new BothEvaluators(CadencePolicy.Compose("lender+" + id, Lender(Calls), JurisdictionPacks.Create(id, Russia2026)));
        var now = At("2026-06-09T12:00:00Z");

        var d = engine.Evaluate(Account("UTC"), now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal(now, d.NotBefore); // 12:00 on a Tuesday is within every pack's hours
    }

    [Fact]
    public void Create_UnknownId_ThrowsNamingTheKnownIds()
    {
        var e = Assert.Throws<ArgumentException>(() => JurisdictionPacks.Create("us-california"));

        Assert.Equal("id", e.ParamName);
        Assert.Contains("'us-california'", e.Message, StringComparison.Ordinal);
        Assert.All(JurisdictionPacks.Ids, id => Assert.Contains(id, e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Create_IdsAreCaseSensitive()
    {
        Assert.Throws<ArgumentException>(() => JurisdictionPacks.Create("US-REGULATION-F"));
    }

    [Fact]
    public void Create_NullId_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => JurisdictionPacks.Create(null!));
    }

    [Fact]
    public void Russia230Fz_EmptyCalendar_ThrowsSayingItNeedsRussianHolidays()
    {
        var e = Assert.Throws<PolicyValidationException>(() => JurisdictionPacks.Russia230Fz(HolidayCalendar.Empty));

        Assert.Equal(JurisdictionPacks.Russia230FzId, e.PolicyName);
        Assert.Contains("holidays", e.Message, StringComparison.Ordinal);
        Assert.Contains("RU", e.Message, StringComparison.Ordinal);
        Assert.Equal("holidays", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public void Create_RussiaWithoutHolidays_ThrowsSayingItNeedsRussianHolidays()
    {
        var e = Assert.Throws<PolicyValidationException>(() => JurisdictionPacks.Create(JurisdictionPacks.Russia230FzId));

        Assert.Contains("holidays", e.Message, StringComparison.Ordinal);
        Assert.Contains("RU", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The pack documents that it throws when <c>holidays</c> is empty; a calendar made from no dates is as empty as
    /// <see cref="HolidayCalendar.Empty"/>, and would silently treat every Russian holiday as a working day.
    /// </summary>
    [Fact]
    public void Russia230Fz_CalendarOfNoDates_ThrowsSayingItNeedsRussianHolidays()
    {
        var e = Assert.Throws<PolicyValidationException>(() => JurisdictionPacks.Russia230Fz(HolidayCalendar.FromDates("RU-2026", [])));

        Assert.Contains("holidays", e.Message, StringComparison.Ordinal);
        Assert.Contains("RU", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Russia230Fz_NullCalendar_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => JurisdictionPacks.Russia230Fz(null!));
    }

    [Fact]
    public void Russia230Fz_ComposedWithALender_KeepsItsHolidaysAndWhatItNeeds()
    {
        var ru = JurisdictionPacks.Russia230Fz(Russia2026);

        var composed = CadencePolicy.Compose("lender+ru", Lender(Texts), ru);

        Assert.Equal(["RU"], composed.RequiredHolidayRegions);
        Assert.True(composed.Holidays.IsHoliday(new LocalDate(2026, 6, 12)));
        Assert.False(composed.Holidays.IsHoliday(new LocalDate(2026, 6, 11)));
        var d = new BothEvaluators(composed).Evaluate(Account("Europe/Moscow"), Local("Europe/Moscow", 2026, 6, 11, 22, 30));
        Assert.Equal(Local("Europe/Moscow", 2026, 6, 12, 9), d.NotBefore);
    }

    [Fact]
    public void Russia230Fz_ComposedWithALenderThatHasItsOwnHolidays_UnitesTheCalendars()
    {
        var lender = CadencePolicy.CreateBuilder("lender")
            .AddStep(Texts)
            .WithHolidays(HolidayCalendar.FromDates("lender-days", [new LocalDate(2026, 6, 10)]))
            .Build();

        var composed = CadencePolicy.Compose("lender+ru", lender, JurisdictionPacks.Russia230Fz(Russia2026));

        Assert.True(composed.Holidays.IsHoliday(new LocalDate(2026, 6, 10)));
        Assert.True(composed.Holidays.IsHoliday(new LocalDate(2026, 6, 12)));
        var d = new BothEvaluators(composed).Evaluate(Account("Europe/Moscow"), Local("Europe/Moscow", 2026, 6, 9, 22, 30));
        Assert.Equal(Local("Europe/Moscow", 2026, 6, 10, 9), d.NotBefore); // the lender's day off has holiday hours too
    }

    [Fact]
    public void Russia230Fz_ComposedTwice_StillBuilds()
    {
        var once = CadencePolicy.Compose("lender+ru", Lender(Calls), JurisdictionPacks.Russia230Fz(Russia2026));

        var twice = CadencePolicy.Compose("lender+ru+uk", once, JurisdictionPacks.UnitedKingdom());

        Assert.Equal(["RU"], twice.RequiredHolidayRegions);
        Assert.True(twice.Holidays.IsHoliday(new LocalDate(2026, 1, 7)));
        Assert.Equal(once.Caps, twice.Caps);
    }

    [Fact]
    public void AllPacks_ComposeWithoutNameClashes()
    {
        CadencePolicy[] packs = [.. JurisdictionPacks.Ids.Select(id => JurisdictionPacks.Create(id, Russia2026))];

        var all = CadencePolicy.Compose("everything", [Lender(Calls), .. packs]);

        Assert.Equal(packs.Sum(p => p.Caps.Length), all.Caps.Length);
        Assert.Equal(packs.Sum(p => p.Windows.Length), all.Windows.Length);
        Assert.Equal("Asia/Shanghai", all.DefaultZone?.Id);
        Assert.True(all.LimitedContentVoicemail);
    }
}
