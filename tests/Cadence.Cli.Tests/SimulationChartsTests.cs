using System.Globalization;
using System.Xml.Linq;
using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class SimulationChartsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public void Write_TwoVariants_WritesBothChartsAsPngAndSvg()
    {
        var files = new SimulationCharts(Simulations.TwoVariants()).Write(tool.PathOf(string.Empty));

        Assert.Equal(["contacts-per-day.png", "contacts-per-day.svg", "variants.png", "variants.svg"], files.Select(Path.GetFileName));
        Assert.All(files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)), AssertPng);
        Assert.All(files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)), AssertSvg);
    }

    [Fact]
    public void Write_OnePolicy_WritesChartsNamingThePolicy()
    {
        var files = new SimulationCharts(Simulations.OnePolicy(), "acme-lending-us").Write(tool.PathOf(string.Empty));

        Assert.All(files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)), AssertPng);
        Assert.All(files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)), AssertSvg);
        Assert.Contains("acme-lending-us", File.ReadAllText(files[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_RunWithoutContacts_StillWritesEveryChart()
    {
        var empty = Simulations.OnePolicy() with { Daily = [], Variants = [] };

        var files = new SimulationCharts(empty).Write(tool.PathOf(string.Empty));

        Assert.Equal(4, files.Count);
        Assert.All(files.Where(f => f.EndsWith(".png", StringComparison.Ordinal)), f => Assert.Equal(PngSignature, File.ReadAllBytes(f)[..8]));
        Assert.Contains("no contacts", File.ReadAllText(files[1]), StringComparison.Ordinal);
    }

    [Fact]
    public void SaveSvg_ContactsPerDay_KeepsTheTitleAndTheChannelNamesAsText()
    {
        var (chart, height) = new SimulationCharts(Simulations.TwoVariants()).ContactsPerDay();

        var svg = File.ReadAllText(SimulationCharts.SaveSvg(chart, tool.PathOf("chart.svg"), 1200, height));

        Assert.All(["Contacts per day by channel: champion (5020 accounts)", "challenger (4980 accounts)", "e-mail", "SMS", "call", "letter", "Mar 2"], text => Assert.Contains(text, svg, StringComparison.Ordinal));
        Assert.DoesNotContain("escalation", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void ContactsPerDay_TwoVariants_DrawsOnePanelPerVariantOnTheSameScale()
    {
        var (chart, height) = new SimulationCharts(Simulations.TwoVariants()).ContactsPerDay();

        var panels = chart.Subplots.GetPlots();
        Assert.Equal(2, panels.Length);
        Assert.Equal(760, height);
        Assert.Equal(panels[0].Axes.GetLimits(), panels[1].Axes.GetLimits());
        Assert.Equal(110 * 1.08, panels[0].Axes.GetLimits().Top, 6);
    }

    [Fact]
    public void Constructor_TwoVariants_CoversThePeriodAndListsTheChannelsUsedInEnumOrder()
    {
        var charts = new SimulationCharts(Simulations.TwoVariants(days: 10));

        Assert.Equal(new NodaTime.LocalDate(2026, 3, 2), charts.FirstDay);
        Assert.Equal(10, charts.Days);
        Assert.Equal(["champion", "challenger"], charts.Variants);
        Assert.Equal([Channel.Email, Channel.Sms, Channel.Call, Channel.Letter], charts.Channels);
    }

    [Fact]
    public void Constructor_OnePolicy_CountsTheDaysWithoutContactsAndLabelsTheRun()
    {
        var charts = new SimulationCharts(Simulations.OnePolicy(), "acme-lending-us");

        Assert.Equal(3, charts.Days);
        Assert.Equal([null], charts.Variants);
        Assert.Equal("acme-lending-us", charts.LabelOf(null));
    }

    [Fact]
    public void ColorOf_EveryChannel_HasItsOwnColour()
        => Assert.Equal(Enum.GetValues<Channel>().Length, Enum.GetValues<Channel>().Select(SimulationCharts.ColorOf).Distinct().Count());

    [Fact]
    public void VariantsSideBySide_TwoVariants_DrawsContactsPerAccountBesideTheCureRate()
    {
        var (chart, height) = new SimulationCharts(Simulations.TwoVariants()).VariantsSideBySide();

        var svg = File.ReadAllText(SimulationCharts.SaveSvg(chart, tool.PathOf("variants.svg"), 1200, height));

        Assert.Equal(2, chart.Subplots.GetPlots().Length);
        Assert.All(["Contacts per account, by channel", "Cured: accounts that paid at least once", "champion", "challenger", "%"], text => Assert.Contains(text, svg, StringComparison.Ordinal));
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000, $"{path} holds {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
    }

    private static void AssertSvg(string path)
    {
        var document = XDocument.Load(path);
        Assert.Equal("svg", document.Root!.Name.LocalName);
        Assert.Equal("http://www.w3.org/2000/svg", document.Root.Name.NamespaceName);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    public void SaveSvg_UnderAnotherCulture_DrawsTheSameChart(string name)
    {
        string Draw(CultureInfo culture, string file)
        {
            var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
            try
            {
                var (chart, height) = new SimulationCharts(Simulations.TwoVariants()).ContactsPerDay();
                var (variants, variantsHeight) = new SimulationCharts(Simulations.TwoVariants()).VariantsSideBySide();
                return File.ReadAllText(SimulationCharts.SaveSvg(chart, tool.PathOf(file + ".svg"), 1200, height))
                    + File.ReadAllText(SimulationCharts.SaveSvg(variants, tool.PathOf(file + "-variants.svg"), 1200, variantsHeight));
            }
            finally
            {
                (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
            }
        }

        // The drawing library numbers its clip paths across the process: only their ids may differ.
        static string Normalized(string svg) => System.Text.RegularExpressions.Regex.Replace(svg, "cl_[0-9a-f]+", "cl_");

        Assert.Equal(Normalized(Draw(CultureInfo.InvariantCulture, "invariant")), Normalized(Draw(CultureInfo.GetCultureInfo(name), name)));
    }
}
