using System.Globalization;
using System.Text;
using Cadence.Simulation;
using NodaTime.Text;

namespace Cadence.Cli;

/// <summary>
/// A <see cref="SimulationResult"/> as text: the variants side by side in a table, and the contacts per day as CSV.
/// The same result always gives the same text, whatever the machine's culture.
/// </summary>
internal static class SimulationReport
{
    /// <summary>The header of <see cref="WriteDailyCsv"/>.</summary>
    public const string CsvHeader = "date,variant,channel,contacts";

    /// <summary>
    /// The variants side by side, one column each: accounts, contacts per channel, escalations, conversations,
    /// promises to pay, payments, cured accounts and the cure rate, and the violations the checker found.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="labelOf">What to call each variant (a run without an experiment has one, named <see langword="null"/>).</param>
    /// <returns>The table, one line per row, each ending with a line feed.</returns>
    public static string Table(SimulationResult result, Func<string?, string> labelOf)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(labelOf);
        var variants = result.Variants;
        var channels = variants.SelectMany(v => v.ContactsByChannel.Where(c => c.Value > 0).Select(c => c.Key)).Where(c => c != Channel.None).Distinct().Order().ToList();
        var rows = new List<(string Label, Func<VariantSummary, string> Value)>();
        var ofPersons = variants.Any(v => v.Persons > 0 && v.Persons != v.Accounts);
        if (ofPersons)
        {
            // Persons of several accounts: how many persons, and the contacts per person beside those per account.
            rows.Add(("persons", v => Integer(v.Persons)));
        }

        rows.AddRange(
        [
            ("accounts", v => Integer(v.Accounts)),
            ("contacts", v => Integer(Contacts(v))),
        ]);
        rows.AddRange(channels.Select(c => ("  " + SimulationCharts.NameOf(c), (Func<VariantSummary, string>)(v => Integer(v.ContactsByChannel.GetValueOrDefault(c))))));
        rows.AddRange(
        [
            ("contacts per account", v => Fixed(v.Accounts == 0 ? 0 : (double)Contacts(v) / v.Accounts, "0.00")),
            .. ofPersons
                ? new (string, Func<VariantSummary, string>)[] { ("contacts per person", v => Fixed(v.Persons == 0 ? 0 : (double)Contacts(v) / v.Persons, "0.00")) }
                : [],
            ("escalations", v => Integer(v.ContactsByChannel.GetValueOrDefault(Channel.None))),
            ("conversations", v => Integer(v.Conversations)),
            ("promises to pay", v => Integer(v.Promises)),
            ("payments", v => Integer(v.Payments)),
            ("cured accounts", v => Integer(v.CuredAccounts)),
            ("cure rate", v => Fixed(v.CureRate * 100, "0.0") + " %"),
            ("violations", v => Integer(v.Violations)),
        ]);

        var headers = variants.Select(v => labelOf(v.Variant)).ToList();
        var cells = rows.Select(r => variants.Select(r.Value).ToList()).ToList();
        var first = rows.Max(r => r.Label.Length);
        var widths = headers.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToList();

        var text = new StringBuilder();
        Line(string.Empty, headers);
        for (var r = 0; r < rows.Count; r++)
        {
            Line(rows[r].Label, cells[r]);
        }

        return text.ToString();

        void Line(string label, List<string> values)
        {
            var line = new StringBuilder(label.PadRight(first));
            for (var i = 0; i < values.Count; i++)
            {
                line.Append("  ").Append(values[i].PadLeft(widths[i]));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    /// <summary>
    /// Writes the contacts per day as CSV: <c>date,variant,channel,contacts</c>, one row per day, variant and channel
    /// with contacts (escalations under the channel <c>none</c>), in the order of <see cref="SimulationResult.Daily"/>.
    /// </summary>
    /// <param name="result">The run.</param>
    /// <param name="labelOf">What to call each variant.</param>
    /// <param name="writer">Where to write; lines end with a line feed.</param>
    public static void WriteDailyCsv(SimulationResult result, Func<string?, string> labelOf, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(labelOf);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(CsvHeader + "\n");
        foreach (var day in result.Daily)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{LocalDatePattern.Iso.Format(day.Date)},{Csv(labelOf(day.Variant))},{ChannelName(day.Channel)},{day.Contacts}\n"));
        }
    }

    /// <summary>A channel's name in files, as in the JSON formats.</summary>
    public static string ChannelName(Channel channel) => channel switch
    {
        Channel.Email => "email",
        Channel.Sms => "sms",
        Channel.Call => "call",
        Channel.Letter => "letter",
        Channel.Visit => "visit",
        Channel.Push => "push",
        _ => "none",
    };

    private static int Contacts(VariantSummary v) => v.ContactsByChannel.Where(c => c.Key != Channel.None).Sum(c => c.Value);

    private static string Integer(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A CSV field, quoted when it holds a comma, a quote or a line break.</summary>
    private static string Csv(string field)
        => field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
