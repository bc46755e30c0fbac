using Cadence.Cli.Tests.Support;
using Cadence.Json;
using Cadence.Jurisdictions;

namespace Cadence.Cli.Tests;

public sealed class PacksCommandTests
{
    [Fact]
    public async Task Packs_ListsTheBuiltInPackIdsOnePerLine()
    {
        var result = await Tool.RunAsync("packs");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(JurisdictionPacks.Ids, result.OutputLines);
    }

    [Theory]
    [InlineData("us-regulation-f")]
    [InlineData("us-massachusetts")]
    [InlineData("cn-collection")]
    [InlineData("uk-fca")]
    public async Task PacksShow_Pack_PrintsAPolicyFileThatReadsBackAsThePack(string id)
    {
        var result = await Tool.RunAsync("packs", "show", id);

        Assert.Equal(0, result.ExitCode);
        var read = PolicyJson.Read(result.Output);
        Assert.True(read.Success, string.Join("\n", read.Errors));
        Assert.Equal(JurisdictionPacks.Create(id), read.Policy);
    }

    [Fact]
    public async Task PacksShow_RussianPackWithHolidays_ReadsBackWithThoseHolidays()
    {
        var holidays = Tool.Policy("ru-2026.holidays.json");

        var result = await Tool.RunAsync("packs", "show", "ru-230-fz", "--holidays", holidays);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(JurisdictionPacks.Create("ru-230-fz", HolidayCalendarJson.Load(holidays)), PolicyJson.Read(result.Output).Policy);
    }

    [Fact]
    public async Task PacksShow_RussianPackWithoutHolidays_AsksForThemAndExitsTwo()
    {
        var result = await Tool.RunAsync("packs", "show", "ru-230-fz");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.StartsWith("cadence: the pack 'ru-230-fz' needs public holidays: give a holiday calendar file with --holidays", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PacksShow_UnknownPack_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("packs", "show", "us-regulation-x");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("us-regulation-x", result.Error, StringComparison.Ordinal);
    }
}
