using System.Globalization;
using Cadence.Simulation;
using NodaTime;
using NodaTime.Text;
using ScottPlot;
using ScottPlot.TickGenerators;
using SkiaSharp;

namespace Cadence.Cli;

/// <summary>
/// Draws a <see cref="SimulationResult"/> for people: contacts per day, one line per channel and one panel per variant
/// on the same scales; and the variants side by side, contacts per account by channel and the cure rate. Each chart is
/// written as PNG and SVG. Every channel has the same colour in every chart.
/// </summary>
/// <remarks>
/// The date axis counts days from <see cref="FirstDay"/>, and its ticks are labelled with a NodaTime invariant pattern,
/// so that no <c>DateTime</c> comes into the charts. The renderer formats the other numbers in the current culture,
/// which is the invariant culture in the tool (it is built with invariant globalization). Not thread-safe: build and
/// save each chart on one thread.
/// </remarks>
internal sealed class SimulationCharts
{
    /// <summary>The file names <see cref="Write"/> uses, without their extensions.</summary>
    public const string ContactsPerDayName = "contacts-per-day";

    /// <inheritdoc cref="ContactsPerDayName"/>
    public const string VariantsName = "variants";

    private const int Width = 1200;
    private const int PanelHeight = 380;
    private const int SinglePanelHeight = 480;
    private const int ContactsPerAccountHeight = 440;

    private static readonly LocalDatePattern DayLabel = LocalDatePattern.CreateWithInvariantCulture("MMM d");
    private static readonly Color CureColor = Color.FromHex("#17BECF");

    /// <summary>A sans-serif font the machine has, if any of the usual ones: the renderer's default may be a serif font.</summary>
    private static readonly string? Font = new[] { "Arial", "Helvetica", "Segoe UI", "DejaVu Sans", "Liberation Sans" }.FirstOrDefault(name => Fonts.GetTypeface(name, bold: false, italic: false)?.FamilyName == name);

    private readonly SimulationResult result;
    private readonly string runLabel;

    /// <summary>Prepares the charts of one run.</summary>
    /// <param name="result">The run.</param>
    /// <param name="runLabel">What to call the accounts of a run without an experiment (a variant named <see langword="null"/>), e.g. the policy's name.</param>
    public SimulationCharts(SimulationResult result, string? runLabel = null)
    {
        this.result = result ?? throw new ArgumentNullException(nameof(result));
        this.runLabel = runLabel ?? "all accounts";
        var zone = result.Options.ReportingZone;
        var first = result.Options.Start.InZone(zone).Date;
        var last = result.Options.End > result.Options.Start ? (result.Options.End - Duration.Epsilon).InZone(zone).Date : first;
        foreach (var day in result.Daily)
        {
            first = LocalDate.Min(first, day.Date);
            last = LocalDate.Max(last, day.Date);
        }

        FirstDay = first;
        Days = Period.DaysBetween(first, last) + 1;
        Variants = [.. result.Variants.Select(v => v.Variant).Concat(result.Daily.Select(d => d.Variant)).Distinct()];
        Channels = [.. result.Daily.Where(d => d.Channel != Channel.None).Select(d => d.Channel)
            .Concat(result.Variants.SelectMany(v => v.ContactsByChannel.Where(c => c.Value > 0).Select(c => c.Key)))
            .Where(c => c != Channel.None).Distinct().Order()];
    }

    /// <summary>The first day on the charts' date axis, in the run's reporting zone.</summary>
    public LocalDate FirstDay { get; }

    /// <summary>How many days the date axis covers: the simulated period, and every day with contacts.</summary>
    public int Days { get; }

    /// <summary>The variants, in the experiment's order; <see langword="null"/> for a run without an experiment.</summary>
    public IReadOnlyList<string?> Variants { get; }

    /// <summary>The channels that were used, in the order of <see cref="Channel"/>; escalations are not contacts and not drawn.</summary>
    public IReadOnlyList<Channel> Channels { get; }

    /// <summary>The colour of a channel, the same in every chart.</summary>
    public static Color ColorOf(Channel channel) => channel switch
    {
        Channel.Email => Color.FromHex("#1F77B4"),
        Channel.Sms => Color.FromHex("#2CA02C"),
        Channel.Call => Color.FromHex("#FF7F0E"),
        Channel.Letter => Color.FromHex("#9467BD"),
        Channel.Visit => Color.FromHex("#8C564B"),
        Channel.Push => Color.FromHex("#E377C2"),
        _ => Color.FromHex("#7F7F7F"),
    };

    /// <summary>A channel's name as people read it.</summary>
    public static string NameOf(Channel channel) => channel switch
    {
        Channel.Email => "e-mail",
        Channel.Sms => "SMS",
        Channel.Call => "call",
        Channel.Letter => "letter",
        Channel.Visit => "visit",
        Channel.Push => "push",
        _ => "escalation",
    };

    /// <summary>What a variant is called on the charts.</summary>
    public string LabelOf(string? variant) => variant ?? runLabel;

    /// <summary>Writes both charts, PNG and SVG, into <paramref name="directory"/> (which must exist).</summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The files written.</returns>
    public IReadOnlyList<string> Write(string directory)
    {
        var files = new List<string>();
        var (contacts, contactsHeight) = ContactsPerDay();
        files.Add(SavePng(contacts, Path.Combine(directory, ContactsPerDayName + ".png"), Width, contactsHeight));
        files.Add(SaveSvg(contacts, Path.Combine(directory, ContactsPerDayName + ".svg"), Width, contactsHeight));
        var (variants, variantsHeight) = VariantsSideBySide();
        files.Add(SavePng(variants, Path.Combine(directory, VariantsName + ".png"), Width, variantsHeight));
        files.Add(SaveSvg(variants, Path.Combine(directory, VariantsName + ".svg"), Width, variantsHeight));
        return files;
    }

    /// <summary>
    /// Contacts per day, one line per channel, one panel per variant; the panels share their date and count scales, so
    /// that their heights compare.
    /// </summary>
    /// <returns>The chart, and the height in pixels it is drawn at.</returns>
    public (Multiplot Chart, int Height) ContactsPerDay()
    {
        var counts = new Dictionary<(string? Variant, Channel Channel), double[]>();
        foreach (var day in result.Daily.Where(d => d.Channel != Channel.None))
        {
            if (!counts.TryGetValue((day.Variant, day.Channel), out var series))
            {
                counts[(day.Variant, day.Channel)] = series = new double[Days];
            }

            series[Period.DaysBetween(FirstDay, day.Date)] += day.Contacts;
        }

        var highest = counts.Values.SelectMany(s => s).DefaultIfEmpty(0).Max();
        var xs = Enumerable.Range(0, Days).Select(i => (double)i).ToArray();
        var ticks = DateTicks();
        var plots = new List<Plot>();
        for (var v = 0; v < Variants.Count; v++)
        {
            var variant = Variants[v];
            var plot = NewPlot();
            var accounts = result.Variants.FirstOrDefault(s => s.Variant == variant)?.Accounts;
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"Contacts per day by channel: {LabelOf(variant)}{(accounts is { } n ? $" ({n} accounts)" : string.Empty)}"));
            foreach (var channel in Channels)
            {
                var series = counts.GetValueOrDefault((variant, channel)) ?? new double[Days];
                var line = plot.Add.Scatter(xs, series, ColorOf(channel));
                line.LineWidth = 2;
                line.MarkerSize = Days <= 31 ? 5 : 0;
                line.LegendText = string.Create(CultureInfo.InvariantCulture, $"{NameOf(channel)} ({series.Sum():0})");
            }

            plot.Axes.Bottom.TickGenerator = ticks;
            plot.Axes.SetLimits(-0.5, Days - 0.5, 0, Math.Max(1, highest * 1.08));
            plot.YLabel("contacts");
            if (v == Variants.Count - 1)
            {
                plot.XLabel($"day ({result.Options.ReportingZone.Id})");
            }

            plot.ShowLegend(Edge.Right);
            plot.Layout.Fixed(new PixelPadding(left: 80, right: 200, bottom: v == Variants.Count - 1 ? 60 : 35, top: 45));
            plots.Add(plot);
        }

        if (plots.Count == 0)
        {
            var empty = NewPlot();
            empty.Title("Contacts per day by channel: no contacts");
            empty.Axes.Bottom.TickGenerator = ticks;
            empty.Axes.SetLimits(-0.5, Days - 0.5, 0, 1);
            plots.Add(empty);
        }

        return (Combine(plots, new ScottPlot.MultiplotLayouts.Rows()), plots.Count == 1 ? SinglePanelHeight : PanelHeight * plots.Count);
    }

    /// <summary>
    /// The variants side by side: contacts per account, one bar per channel in each variant's group; and below, the
    /// share of accounts that paid at least once, one bar per variant.
    /// </summary>
    /// <returns>The chart, and the height in pixels it is drawn at.</returns>
    public (Multiplot Chart, int Height) VariantsSideBySide()
    {
        var summaries = Variants.Select(v => result.Variants.FirstOrDefault(s => s.Variant == v)).ToList();
        var labels = Variants.Select(LabelOf).ToArray();

        var contacts = NewPlot();
        contacts.Title("Contacts per account, by channel");
        var groupWidth = Channels.Count + 1;
        var highest = 0.0;
        foreach (var (channel, k) in Channels.Select((c, k) => (c, k)))
        {
            var bars = new List<Bar>();
            for (var g = 0; g < summaries.Count; g++)
            {
                var value = summaries[g] is { Accounts: > 0 } s ? (double)s.ContactsByChannel.GetValueOrDefault(channel) / s.Accounts : 0;
                highest = Math.Max(highest, value);
                bars.Add(new Bar
                {
                    Position = (g * groupWidth) + k,
                    Value = value,
                    FillColor = ColorOf(channel),
                    LineWidth = 0,
                    Label = value.ToString("0.00", CultureInfo.InvariantCulture),
                });
            }

            var plot = contacts.Add.Bars(bars);
            plot.LegendText = NameOf(channel);
            plot.ValueLabelStyle.FontSize = 12;
        }

        contacts.Axes.Bottom.TickGenerator = new NumericManual(
            [.. labels.Select((_, g) => (g * groupWidth) + ((Channels.Count - 1) / 2.0))],
            labels);
        GroupLabels(contacts);
        var (left, right) = Widened(-0.75, (summaries.Count * groupWidth) - 1.25, 8);
        contacts.Axes.SetLimits(left, right, 0, Math.Max(0.1, highest * 1.15));
        contacts.YLabel("contacts per account");
        contacts.HideGrid();
        contacts.Axes.Left.Min = 0;
        contacts.ShowLegend(Alignment.UpperRight);

        var cures = NewPlot();
        cures.Title("Cured: accounts that paid at least once");
        var rates = summaries.Select(s => s is null ? 0 : s.CureRate * 100).ToArray();
        var cureBars = cures.Add.Bars(rates.Select((rate, g) => new Bar
        {
            Position = rates.Length - 1 - g,
            Value = rate,
            FillColor = CureColor,
            LineWidth = 0,
            Size = 0.6,
            Label = string.Create(CultureInfo.InvariantCulture, $"{rate:0.0} % ({summaries[g]?.CuredAccounts ?? 0} of {summaries[g]?.Accounts ?? 0})"),
        }).ToList());
        cureBars.Horizontal = true;
        cureBars.ValueLabelStyle.FontSize = 13;
        cures.Axes.Left.TickGenerator = new NumericManual([.. rates.Select((_, g) => (double)(rates.Length - 1 - g))], labels);
        cures.Axes.Left.MajorTickStyle.Length = 0;
        cures.Axes.Left.TickLabelStyle.FontSize = 15;
        cures.Axes.SetLimits(0, Math.Max(1, rates.DefaultIfEmpty(0).Max() * 1.3), -0.6, rates.Length - 0.4);
        cures.XLabel("% of accounts");
        cures.HideGrid();

        var curesHeight = Math.Max(150, 90 + (45 * rates.Length));
        return (Combine([contacts, cures], new Stacked(ContactsPerAccountHeight, curesHeight)), ContactsPerAccountHeight + curesHeight);
    }

    /// <summary>Saves a chart as PNG.</summary>
    /// <returns>The file's path.</returns>
    public static string SavePng(Multiplot chart, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        InInvariantCulture(() => chart.SavePng(path, width, height));
        return path;
    }

    /// <summary>Saves a chart as SVG: text stays text, lines stay lines.</summary>
    /// <returns>The file's path.</returns>
    public static string SaveSvg(Multiplot chart, string path, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(chart);
        using var stream = File.Create(path);
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
        {
            InInvariantCulture(() => chart.Render(canvas, new PixelRect(new PixelSize(width, height))));
        }

        return path;
    }

    /// <summary>
    /// Draws under the invariant culture: the drawing library formats its tick labels with the current culture, and a
    /// chart must read the same on every machine (<c>0.05</c>, never <c>0,05</c>).
    /// </summary>
    private static void InInvariantCulture(Action draw)
    {
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (CultureInfo.InvariantCulture, CultureInfo.InvariantCulture);
        try
        {
            draw();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        if (Font is not null)
        {
            plot.Font.Set(Font);
        }

        return plot;
    }

    /// <summary>The range from <paramref name="low"/> to <paramref name="high"/>, widened evenly to at least <paramref name="width"/>, so that few bars stay narrow and centred.</summary>
    private static (double Low, double High) Widened(double low, double high, double width)
    {
        var missing = Math.Max(0, width - (high - low)) / 2;
        return (low - missing, high + missing);
    }

    /// <summary>Variant names under their bars: larger than numbers, without tick marks.</summary>
    private static void GroupLabels(Plot plot)
    {
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 15;
    }

    private static Multiplot Combine(List<Plot> plots, IMultiplotLayout layout)
    {
        var chart = new Multiplot(plots[0]) { Layout = layout };
        foreach (var plot in plots.Skip(1))
        {
            chart.AddPlot(plot);
        }

        return chart;
    }

    /// <summary>Date ticks: every day for two weeks or less, then every few days, then every Monday, then every month.</summary>
    private NumericManual DateTicks()
    {
        var ticks = new NumericManual();
        for (var i = 0; i < Days; i++)
        {
            var date = FirstDay.PlusDays(i);
            var major = Days switch
            {
                <= 16 => true,
                <= 35 => i % 3 == 0,
                <= 120 => date.DayOfWeek == IsoDayOfWeek.Monday,
                _ => date.Day == 1,
            };
            if (major)
            {
                ticks.AddMajor(i, DayLabel.Format(date));
            }
            else if (Days <= 120)
            {
                ticks.AddMinor(i);
            }
        }

        return ticks;
    }

    /// <summary>Rows whose heights are in the given proportions, one plot per row.</summary>
    private sealed class Stacked(params float[] weights) : IMultiplotLayout
    {
        public PixelRect[] GetSubplotRectangles(SubplotCollection subplots, PixelRect figureRectangle)
        {
            var count = subplots.Count;
            var total = weights.Take(count).Sum();
            var rectangles = new PixelRect[count];
            var top = figureRectangle.Top;
            for (var i = 0; i < count; i++)
            {
                var height = figureRectangle.Height * weights[i] / total;
                rectangles[i] = new PixelRect(figureRectangle.Left, figureRectangle.Right, top, top + height);
                top += height;
            }

            return rectangles;
        }
    }
}
