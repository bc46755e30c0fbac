using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Channels;

namespace Cadence.Json;

/// <summary>
/// Reads and writes persons as JSON, one object per person, into <see cref="Person"/> values; a file of them is JSON
/// Lines, and may mix person records (with <c>personId</c>) and account records (with <c>accountId</c> and no
/// <c>personId</c>, read exactly as <see cref="AccountJson"/> reads them). The reader is as strict as the account
/// reader: an unknown or repeated property, a value of the wrong type, an unknown enum value or a missing required
/// property is a problem reported with its JSON path (<c>accounts[1].dueDate</c>) and line, and every problem of a
/// record is reported at once. Whether the time zones are known and the contact points, accounts and holds are
/// consistent (unique ids, at least one account) is left to the engine, which reports it as an error decision naming
/// the person. The format is described in <c>docs/cli.md</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class PersonJson
{
    /// <summary>The longest line <c>ReadLines</c> reads by default: 4 MiB (in bytes, or characters for text); a longer line is a result with that problem.</summary>
    public const int DefaultMaxLineBytes = NumberedLines.DefaultMaxLineBytes;

    private static readonly string[] PersonProperties = ["personId", "timeZones", "regions", "holds", "tags", "contactPoints", "history", "accounts"];
    private static readonly string[] AccountProperties = ["accountId", "dueDate", "amountDue", "autopay", "holds", "tags"];

    /// <summary>The name of the person record JSON Schema shipped with the package (in <c>schemas/</c>).</summary>
    public const string SchemaFileName = "cadence-person.schema.json";

    // Records are data for programs, not HTML: quotes and '+' are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON Schema (draft 2020-12) of a person record: one line of a JSON Lines file of persons.</summary>
    public static string Schema { get; } = PolicyJson.Resource(SchemaFileName);

    /// <summary>Reads one record: a person, or an account.</summary>
    /// <param name="json">One JSON object (comments are not allowed).</param>
    /// <param name="line">The line of its file the text starts on (for JSON Lines, the record's line), for the problems' lines.</param>
    /// <returns>The person or the account, or every problem found.</returns>
    public static PersonReadResult Read(string json, int line = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), line);
    }

    /// <summary>Reads one record, a person or an account, from its UTF-8 bytes; bytes that are not UTF-8 are a problem, never replaced.</summary>
    /// <param name="utf8">One JSON object, UTF-8 encoded.</param>
    /// <param name="line">The line of its file the text starts on, for the problems' lines.</param>
    /// <returns>The person or the account, or every problem found.</returns>
    public static PersonReadResult Read(ReadOnlySpan<byte> utf8, int line = 1)
    {
        // A plain person line is read in one pass; anything else by the full reader, which says what is wrong and where.
        return FastRecordReader.TryRead(utf8, out var person, out var account) ? new PersonReadResult(line, person, account, []) : ReadFully(utf8, line);
    }

    /// <summary>Reads one record with the full reader, which parses a document and reports every problem at its path.</summary>
    internal static PersonReadResult ReadFully(ReadOnlySpan<byte> utf8, int line)
    {
        if (!PolicyJsonReader.TryParse(utf8, out var document, out var syntaxError, strict: true))
        {
            return FromAccount(AccountJson.Failed(line, [syntaxError!]));
        }

        using (document)
        {
            try
            {
                return IsPerson(document!.RootElement)
                    ? ReadParsed(document, utf8, line)
                    : FromAccount(AccountJson.ReadParsed(document, utf8, line));
            }
            catch (InvalidOperationException)
            {
                return new(line, null, null, [AccountJson.InvalidName(line)]);
            }
        }
    }

    /// <summary>
    /// Reads persons and accounts written as JSON Lines from UTF-8 bytes (a file or a request body), one record per
    /// line, split as <see cref="AccountJson.ReadLines(Stream)"/> splits them; blank lines are skipped. A line that is
    /// not valid UTF-8 or JSON is a result with its problems, in its place: the other lines are read.
    /// </summary>
    /// <param name="utf8">The bytes, read as the results are enumerated.</param>
    /// <returns>One result per non-blank line, in order, each with its line number; a line over <see cref="DefaultMaxLineBytes"/> is a result with that problem.</returns>
    /// <exception cref="InvalidDataException">When enumerated: the bytes are UTF-16 or UTF-32, not UTF-8 (the message names the encoding).</exception>
    public static IEnumerable<PersonReadResult> ReadLines(Stream utf8) => ReadLines(utf8, DefaultMaxLineBytes);

    /// <summary>Reads records written as JSON Lines from UTF-8 bytes, as <see cref="ReadLines(Stream)"/> does, with another limit on a line's length.</summary>
    /// <param name="utf8">The bytes, read as the results are enumerated.</param>
    /// <param name="maxLineBytes">The longest line read, in bytes (line break excluded); a longer one is a result with that problem, in its place, and is never held in memory whole.</param>
    /// <returns>One result per non-blank line, in order, each with its line number.</returns>
    /// <exception cref="InvalidDataException">When enumerated: the bytes are UTF-16 or UTF-32, not UTF-8 (the message names the encoding).</exception>
    public static IEnumerable<PersonReadResult> ReadLines(Stream utf8, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return Records(utf8, maxLineBytes).Select(static r => r.Record);
    }

    /// <summary>The most records <see cref="ReadChunksAsync"/> puts in a chunk by default.</summary>
    public const int DefaultChunkRecords = 8192;

    /// <summary>The most input bytes <see cref="ReadChunksAsync"/> puts in a chunk by default (8 MiB): a chunk of long lines ends sooner.</summary>
    public const long DefaultChunkBytes = 8L * 1024 * 1024;

    /// <summary>
    /// Reads records as <see cref="ReadLines(Stream, int)"/> does, gathered in chunks of at most
    /// <paramref name="maxRecords"/> records and about <paramref name="maxBytes"/> bytes of input (a chunk ends with the
    /// line that reaches either), one chunk ahead of the caller on a thread of its own: while the caller evaluates and
    /// writes a chunk, the next is read. Memory is bounded by two chunks and the longest line, whatever the input's size.
    /// </summary>
    /// <param name="utf8">The bytes; read on the reader's thread only, and no longer once the enumeration ends.</param>
    /// <param name="maxRecords">The most records in a chunk.</param>
    /// <param name="maxBytes">The input bytes after which a chunk ends.</param>
    /// <param name="maxLineBytes">The longest line read, in bytes; a longer one is a result with that problem, in its place.</param>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>The chunks, in input order, each with the bytes of input consumed through its end.</returns>
    /// <exception cref="InvalidDataException">When enumerated: the bytes are UTF-16 or UTF-32, not UTF-8.</exception>
    /// <remarks>
    /// Ending the enumeration waits until the reader has left <paramref name="utf8"/>. A stream whose reads can block
    /// without end (a request body) must be unblocked first, e.g. by cancelling what its reads wait on.
    /// </remarks>
    public static IAsyncEnumerable<PersonReadChunk> ReadChunksAsync(Stream utf8, int maxRecords = DefaultChunkRecords, long maxBytes = DefaultChunkBytes, int maxLineBytes = DefaultMaxLineBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecords, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        return Chunks(utf8, maxRecords, maxBytes, maxLineBytes, cancellationToken);

        static async IAsyncEnumerable<PersonReadChunk> Chunks(Stream utf8, int maxRecords, long maxBytes, int maxLineBytes, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var chunks = System.Threading.Channels.Channel.CreateBounded<PersonReadChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

            // The reader may block on the stream: on a thread of its own, not one of the pool's.
            var reading = Task.Factory.StartNew(() => Fill(utf8, maxRecords, maxBytes, maxLineBytes, chunks.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            try
            {
                while (await chunks.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (chunks.Reader.TryRead(out var chunk))
                    {
                        yield return chunk;
                    }
                }
            }
            finally
            {
                // Whatever ended the enumeration, the reader stops too before the stream is let go.
                await stop.CancelAsync().ConfigureAwait(false);
                await reading.ConfigureAwait(false);
            }
        }

        static void Fill(Stream utf8, int maxRecords, long maxBytes, int maxLineBytes, ChannelWriter<PersonReadChunk> chunks, CancellationToken stop)
        {
            try
            {
                var records = new List<PersonReadResult>();
                var start = 0L;
                var consumed = 0L;
                foreach (var (record, through) in Records(utf8, maxLineBytes))
                {
                    records.Add(record);
                    consumed = through;
                    if (records.Count >= maxRecords || consumed - start >= maxBytes)
                    {
                        chunks.WriteAsync(new PersonReadChunk(records, consumed), stop).AsTask().GetAwaiter().GetResult();
                        records = [];
                        start = consumed;
                    }
                }

                if (records.Count > 0)
                {
                    chunks.WriteAsync(new PersonReadChunk(records, consumed), stop).AsTask().GetAwaiter().GetResult();
                }

                chunks.Complete();
            }
            catch (Exception e)
            {
                chunks.Complete(e);
            }
        }
    }

    /// <summary>
    /// Reads persons and accounts written as JSON Lines, one record per line, split as
    /// <see cref="AccountJson.ReadLines(TextReader)"/> splits them; blank lines are skipped.
    /// </summary>
    /// <param name="reader">The text, read line by line as the results are enumerated.</param>
    /// <returns>One result per non-blank line, in order, each with its line number.</returns>
    public static IEnumerable<PersonReadResult> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return NumberedLines.Read(reader, static (text, line) => Read(text, line), static (line, errors) => FromAccount(AccountJson.Failed(line, errors)), DefaultMaxLineBytes);
    }

    /// <summary>
    /// Writes a person as one compact JSON object, a JSON Lines record that <see cref="Read(string, int)"/> reads back
    /// to an equal person. Empty collections, <see langword="false"/> flags and unset values are left out; each contact
    /// point's id is written.
    /// </summary>
    /// <param name="person">The person.</param>
    /// <returns>One line of compact JSON, without a line break.</returns>
    /// <exception cref="ArgumentException">The person holds a <see langword="null"/> item (an account, a point, a hold, an attempt).</exception>
    public static string Write(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WritePerson(w, person);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The records of the lines of <paramref name="utf8"/>, each with the bytes consumed through its line (what <c>ReadLines</c> and <c>ReadChunksAsync</c> read).</summary>
    private static IEnumerable<(PersonReadResult Record, long Consumed)> Records(Stream utf8, int maxLineBytes)
        => NumberedLines.ReadWithOffsets(utf8, static (bytes, line) => Read(bytes, line), static (line, errors) => FromAccount(AccountJson.Failed(line, errors)), maxLineBytes);

    private static bool IsPerson(JsonElement root) => root.ValueKind == JsonValueKind.Object && root.TryGetProperty("personId"u8, out _);

    private static PersonReadResult FromAccount(AccountReadResult result) => new(result.Line, null, result.Account, result.Errors);

    private static PersonReadResult ReadParsed(JsonDocument document, ReadOnlySpan<byte> utf8, int line)
    {
        var r = new JsonElementReader(JsonLocations.None, JsonElementReader.TzdbOptions);
        var person = ReadPerson(r, document.RootElement);
        if (r.Errors.Count == 0)
        {
            return new PersonReadResult(line, person, null, []);
        }

        // Problems are rare: only then is the text indexed, to say where each one is.
        r = new JsonElementReader(JsonLocations.Index(utf8, default), JsonElementReader.TzdbOptions);
        ReadPerson(r, document.RootElement);
        return FromAccount(AccountJson.Failed(line, r.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column)));
    }

    private static Person? ReadPerson(JsonElementReader r, JsonElement element)
    {
        if (r.Object(element, "$", PersonProperties) is not { } o)
        {
            return null;
        }

        var person = new Person(o.Required("personId", r.String) ?? string.Empty)
        {
            TimeZoneIds = o.Optional("timeZones", (e, p) => r.Array(e, p, r.String)),
            Regions = o.Optional("regions", (e, p) => r.Array(e, p, (x, xp) => ReadRegion(r, x, xp))),
            Holds = o.Optional("holds", (e, p) => r.Array(e, p, (x, xp) => AccountJson.ReadHold(r, x, xp))),
            Tags = o.Optional("tags", (e, p) => r.Array(e, p, r.String)),
            ContactPoints = o.Optional("contactPoints", (e, p) => r.Array(e, p, (x, xp) => AccountJson.ReadContactPoint(r, x, xp, ofPerson: true))),
            History = o.Optional("history", (e, p) => r.Array(e, p, (x, xp) => AccountJson.ReadAttempt(r, x, xp, ofPerson: true))),
            Accounts = o.Required("accounts", (e, p) => r.Array(e, p, (x, xp) => ReadAccount(r, x, xp))),
        };
        return r.Errors.Count == 0 ? person : null;
    }

    /// <summary>An ISO 3166 country (<c>US</c>) or subdivision (<c>US-MA</c>) code.</summary>
    private static string? ReadRegion(JsonElementReader r, JsonElement element, string path)
    {
        if (r.String(element, path) is not { } region)
        {
            return null;
        }

        if (IsRegion(region))
        {
            return region;
        }

        r.Error(path, $"'{region}' is not an ISO 3166 country or subdivision code such as US or US-MA");
        return null;
    }

    /// <summary>Whether <paramref name="region"/> is an ISO 3166 country (<c>US</c>) or subdivision (<c>US-MA</c>) code.</summary>
    internal static bool IsRegion(string region)
    {
        var dash = region.IndexOf('-', StringComparison.Ordinal);
        var country = dash < 0 ? region : region[..dash];
        var subdivision = dash < 0 ? null : region[(dash + 1)..];
        return country.Length == 2 && country.All(char.IsAsciiLetterUpper)
            && (subdivision is null || (subdivision.Length is >= 1 and <= 3 && subdivision.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c))));
    }

    private static Account? ReadAccount(JsonElementReader r, JsonElement element, string path)
    {
        if (r.Object(element, path, AccountProperties) is not { } o)
        {
            return null;
        }

        var id = o.Required("accountId", r.String);
        var account = new Account(id ?? string.Empty)
        {
            DueDate = o.RequiredOrNull("dueDate", (e, p) => r.Date(e, p)),
            AmountDue = o.RequiredOrNull("amountDue", (e, p) => AccountJson.ReadMoney(r, e, p)) ?? default,
            Autopay = o.Optional("autopay", r.Boolean) ?? false,
            Holds = o.Optional("holds", (e, p) => r.Array(e, p, (x, xp) => AccountJson.ReadHold(r, x, xp))),
            Tags = o.Optional("tags", (e, p) => r.Array(e, p, r.String)),
        };
        return id is null ? null : account;
    }

    private static void WritePerson(Utf8JsonWriter w, Person person)
    {
        w.WriteStartObject();
        w.WriteString("personId", person.PersonId);
        Strings(w, "timeZones", person.TimeZoneIds);
        Strings(w, "regions", person.Regions);
        Items(w, "holds", person.Holds, WriteHold);
        Strings(w, "tags", person.Tags);
        Items(w, "contactPoints", person.ContactPoints, WriteContactPoint);
        Items(w, "history", person.History, WriteAttempt);
        w.WriteStartArray("accounts");
        for (var i = 0; i < person.Accounts.Length; i++)
        {
            WriteAccount(w, person.Accounts[i] ?? throw Null("Accounts", i));
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAccount(Utf8JsonWriter w, Account account)
    {
        w.WriteStartObject();
        w.WriteString("accountId", account.AccountId);
        w.WritePropertyName("dueDate");
        if (account.DueDate is { } due)
        {
            JsonSerializer.Serialize(w, due, JsonElementReader.TzdbOptions);
        }
        else
        {
            w.WriteNullValue();
        }

        if (account.AmountDue.Currency is null)
        {
            w.WriteNull("amountDue");
        }
        else
        {
            w.WriteStartObject("amountDue");
            w.WriteNumber("amount", account.AmountDue.Amount);
            w.WriteString("currency", account.AmountDue.Currency);
            w.WriteEndObject();
        }

        if (account.Autopay)
        {
            w.WriteBoolean("autopay", true);
        }

        Items(w, "holds", account.Holds, WriteHold);
        Strings(w, "tags", account.Tags);
        w.WriteEndObject();
    }

    private static void WriteContactPoint(Utf8JsonWriter w, ContactPoint point)
    {
        w.WriteString("id", point.Id);
        w.WriteString("channel", JsonNames.Name(point.Channel));
        if (point.Kind != ContactPointKind.Unspecified)
        {
            w.WriteString("kind", JsonNames.Name(point.Kind));
        }

        Flag(w, "optedOut", point.OptedOut);
        Flag(w, "consentGiven", point.ConsentGiven);
        Flag(w, "isWorkplace", point.IsWorkplace);
        if (point.UpdatedAt is { } updated)
        {
            w.WritePropertyName("updatedAt");
            JsonSerializer.Serialize(w, updated, JsonElementReader.TzdbOptions);
        }
    }

    private static void WriteHold(Utf8JsonWriter w, Hold hold)
    {
        w.WriteString("kind", hold.Kind.Name);
        w.WritePropertyName("from");
        JsonSerializer.Serialize(w, hold.From, JsonElementReader.TzdbOptions);
        if (hold.Until is { } until)
        {
            w.WritePropertyName("until");
            JsonSerializer.Serialize(w, until, JsonElementReader.TzdbOptions);
        }

        if (hold.PromisedDate is { } promised)
        {
            w.WritePropertyName("promisedDate");
            JsonSerializer.Serialize(w, promised, JsonElementReader.TzdbOptions);
        }
    }

    private static void WriteAttempt(Utf8JsonWriter w, ContactAttempt attempt)
    {
        w.WritePropertyName("at");
        JsonSerializer.Serialize(w, attempt.At, JsonElementReader.TzdbOptions);
        w.WriteString("channel", JsonNames.Name(attempt.Channel));
        if (attempt.Direction != ContactDirection.Outbound)
        {
            w.WriteString("direction", JsonNames.Name(attempt.Direction));
        }

        w.WriteString("outcome", JsonNames.Name(attempt.Outcome));
        if (attempt.StepId is { } step)
        {
            w.WriteString("stepId", step);
        }

        if (attempt.ContactPointId is { } point)
        {
            w.WriteString("contactPointId", point);
        }

        Strings(w, "accountIds", attempt.AccountIds);
    }

    private static void Items<T>(Utf8JsonWriter w, string name, ImmutableArray<T> items, Action<Utf8JsonWriter, T> write)
        where T : class
    {
        if (items.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        for (var i = 0; i < items.Length; i++)
        {
            w.WriteStartObject();
            write(w, items[i] ?? throw Null(name, i));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, ImmutableArray<string> values) => PolicyJsonWriter.Strings(w, name, values);

    private static void Flag(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    private static ArgumentException Null(string name, int index)
        => new(JsonElementReader.Invariant($"The person's {name}[{index}] is null: a person record cannot say it."), "person");
}
