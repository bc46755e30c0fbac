using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Cadence.Simulation;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.WebApi.Tests.Support;

/// <summary>
/// A request body of synthetic accounts as JSON Lines, generated while it is sent, a thousand at a time: the accounts of
/// <see cref="SyntheticPortfolio"/> (with at most four attempts in their history), renamed <c>ACC-0000000</c>, <c>ACC-0000001</c>… in order, except the lines
/// <see cref="IsBroken"/> picks, which are cut short.
/// </summary>
/// <param name="count">How many lines.</param>
/// <param name="start">The instant the portfolio is taken at.</param>
internal sealed class GeneratedAccounts(int count, Instant start) : HttpContent
{
    private const int Slice = 1000;

    // A short history keeps the lines near 600 bytes: the test is about the stream, not the histories.
    private static readonly SyntheticPortfolioOptions Options = new() { MaxHistory = 4 };

    private volatile bool sent;

    /// <summary>Whether every line has been handed to the connection.</summary>
    public bool Sent => sent;

    /// <summary>Whether line <paramref name="index"/> (0-based) is broken JSON: one line in 25 000, mid-chunk.</summary>
    public static bool IsBroken(int index) => index % 25_000 == 12_345;

    /// <summary>The account id of line <paramref name="index"/> (0-based).</summary>
    public static string AccountId(int index) => "ACC-" + index.ToString("D7", CultureInfo.InvariantCulture);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        for (var first = 0; first < count; first += Slice)
        {
            var accounts = SyntheticPortfolio.Generate(Math.Min(Slice, count - first), start, seed: first, Options);
            using (var w = new Utf8JsonWriter(buffer))
            {
                for (var i = 0; i < accounts.Length; i++)
                {
                    var index = first + i;
                    if (IsBroken(index))
                    {
                        buffer.Write("{\"accountId\":\"cut short\",\n"u8);
                        continue;
                    }

                    WriteAccount(w, accounts[i] with { AccountId = AccountId(index) });
                    w.Flush();
                    buffer.Write("\n"u8);
                    w.Reset();
                }
            }

            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
        }

        sent = true;
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    /// <summary>Writes an account in the format of <c>docs/cli.md</c>, every property spelled out.</summary>
    private static void WriteAccount(Utf8JsonWriter w, BorrowerState account)
    {
        w.WriteStartObject();
        w.WriteString("accountId", account.AccountId);
        w.WriteStartArray("timeZones");
        foreach (var zone in account.TimeZoneIds)
        {
            w.WriteStringValue(zone);
        }

        w.WriteEndArray();
        if (account.DueDate is { } due)
        {
            w.WriteString("dueDate", LocalDatePattern.Iso.Format(due));
        }
        else
        {
            w.WriteNull("dueDate");
        }

        w.WriteStartObject("amountDue");
        w.WriteNumber("amount", account.AmountDue.Amount);
        w.WriteString("currency", account.AmountDue.Currency);
        w.WriteEndObject();
        w.WriteBoolean("autopay", account.Autopay);
        w.WriteStartArray("contactPoints");
        foreach (var point in account.ContactPoints)
        {
            w.WriteStartObject();
            w.WriteString("channel", Name(point.Channel));
            w.WriteBoolean("optedOut", point.OptedOut);
            w.WriteBoolean("consentGiven", point.ConsentGiven);
            w.WriteBoolean("isWorkplace", point.IsWorkplace);
            WriteInstant(w, "updatedAt", point.UpdatedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("holds");
        foreach (var hold in account.Holds)
        {
            w.WriteStartObject();
            w.WriteString("kind", hold.Kind.Name);
            WriteInstant(w, "from", hold.From);
            WriteInstant(w, "until", hold.Until);
            if (hold.PromisedDate is { } promised)
            {
                w.WriteString("promisedDate", LocalDatePattern.Iso.Format(promised));
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("tags");
        foreach (var tag in account.Tags)
        {
            w.WriteStringValue(tag);
        }

        w.WriteEndArray();
        w.WriteStartArray("history");
        foreach (var attempt in account.History)
        {
            w.WriteStartObject();
            WriteInstant(w, "at", attempt.At);
            w.WriteString("channel", Name(attempt.Channel));
            w.WriteString("direction", Name(attempt.Direction));
            w.WriteString("outcome", Name(attempt.Outcome));
            if (attempt.StepId is { } step)
            {
                w.WriteString("stepId", step);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, Instant? instant)
    {
        if (instant is { } value)
        {
            w.WriteString(name, InstantPattern.ExtendedIso.Format(value));
        }
    }

    private static string Name<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
