using System.Text.Json;
using System.Text;

namespace Cadence.Json;

/// <summary>
/// Reads accounts written as JSON, one object per account, into <see cref="BorrowerState"/> values; a file of them is
/// JSON Lines (one account per line). The reader is strict: an unknown or repeated property, a value of the wrong type,
/// an unknown enum value or a missing required property is a problem reported with its JSON path and line, and every
/// problem of an account is reported at once. Optional properties may be left out or set to <c>null</c>. Whether the
/// time zones are known and the contact points and holds are consistent is left to the engine, which reports it as an
/// error decision for the account. The format is described in <c>docs/cli.md</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class AccountJson
{
    /// <summary>The longest line <c>ReadLines</c> reads by default: 4 MiB (in bytes, or characters for text); a longer line is a result with that problem.</summary>
    public const int DefaultMaxLineBytes = NumberedLines.DefaultMaxLineBytes;

    private static readonly string[] AccountProperties = ["accountId", "timeZones", "dueDate", "amountDue", "autopay", "contactPoints", "holds", "tags", "history"];
    private static readonly string[] MoneyProperties = ["amount", "currency"];
    private static readonly string[] ContactPointProperties = ["channel", "optedOut", "consentGiven", "isWorkplace", "updatedAt"];
    private static readonly string[] HoldProperties = ["kind", "from", "until", "promisedDate"];
    private static readonly string[] AttemptProperties = ["at", "channel", "direction", "outcome", "stepId"];
    private static readonly string[] PersonContactPointProperties = ["id", "channel", "kind", "optedOut", "consentGiven", "isWorkplace", "updatedAt"];
    private static readonly string[] PersonAttemptProperties = ["at", "channel", "direction", "outcome", "stepId", "contactPointId", "accountIds"];

    /// <summary>Reads one account.</summary>
    /// <param name="json">One JSON object (comments are not allowed).</param>
    /// <param name="line">The line of its file the text starts on (for JSON Lines, the record's line), for the problems' lines.</param>
    /// <returns>The account's state, or every problem found.</returns>
    public static AccountReadResult Read(string json, int line = 1)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(Encoding.UTF8.GetBytes(json), line);
    }

    /// <summary>Reads one account from its UTF-8 bytes; bytes that are not UTF-8 are a problem, never replaced.</summary>
    /// <param name="utf8">One JSON object, UTF-8 encoded.</param>
    /// <param name="line">The line of its file the text starts on, for the problems' lines.</param>
    /// <returns>The account's state, or every problem found.</returns>
    public static AccountReadResult Read(ReadOnlySpan<byte> utf8, int line = 1)
    {
        // A plain account line is read in one pass; anything else by the full reader, which says what is wrong and where.
        return FastRecordReader.TryRead(utf8, out _, out var account) && account is not null ? new AccountReadResult(line, account, []) : ReadFully(utf8, line);
    }

    /// <summary>Reads one account with the full reader, which parses a document and reports every problem at its path.</summary>
    internal static AccountReadResult ReadFully(ReadOnlySpan<byte> utf8, int line)
    {
        if (!PolicyJsonReader.TryParse(utf8, out var document, out var syntaxError, strict: true))
        {
            return Failed(line, [syntaxError!]);
        }

        using (document)
        {
            try
            {
                return ReadParsed(document!, utf8, line);
            }
            catch (InvalidOperationException)
            {
                return new(line, null, [InvalidName(line)]);
            }
        }
    }

    /// <summary>The problem of a record holding a property name that is not valid text (a lone surrogate escape, bytes that are not UTF-8).</summary>
    internal static PolicyError InvalidName(int line)
        => PolicyError.AtPath("$", "the record holds a name that is not valid text: a lone surrogate escape or bytes that are not UTF-8") with { Line = line };

    /// <summary>Reads a parsed account record (for <see cref="PersonJson"/> too, which reads account lines exactly as this reader does).</summary>
    internal static AccountReadResult ReadParsed(JsonDocument document, ReadOnlySpan<byte> utf8, int line)
    {
        var r = new JsonElementReader(JsonLocations.None, JsonElementReader.TzdbOptions);
        var account = ReadAccount(r, document.RootElement);
        if (r.Errors.Count == 0)
        {
            return new AccountReadResult(line, account, []);
        }

        // Problems are rare: only then is the text indexed, to say where each one is.
        r = new JsonElementReader(JsonLocations.Index(utf8, default), JsonElementReader.TzdbOptions);
        ReadAccount(r, document.RootElement);
        return Failed(line, r.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column));
    }

    internal static AccountReadResult Failed(int line, IEnumerable<PolicyError> errors)
        => new(line, null, [.. errors.Select(e => e with { Line = line + (e.Line ?? 1) - 1 })]);

    /// <summary>
    /// Reads accounts written as JSON Lines from UTF-8 bytes (a file or a request body): one account per line, lines
    /// ending at a line feed (a carriage return before it is dropped; one anywhere else stays in its line); a byte
    /// order mark at the start is skipped; blank lines are skipped. A line that is not valid UTF-8 or JSON is a result
    /// with its problems, in its place: the other lines are read.
    /// </summary>
    /// <param name="utf8">The bytes, read as the results are enumerated.</param>
    /// <returns>One result per non-blank line, in order, each with its line number; a line over <see cref="DefaultMaxLineBytes"/> is a result with that problem.</returns>
    /// <exception cref="InvalidDataException">When enumerated: the bytes are UTF-16 or UTF-32, not UTF-8 (the message names the encoding).</exception>
    public static IEnumerable<AccountReadResult> ReadLines(Stream utf8) => ReadLines(utf8, DefaultMaxLineBytes);

    /// <summary>Reads records written as JSON Lines from UTF-8 bytes, as <see cref="ReadLines(Stream)"/> does, with another limit on a line's length.</summary>
    /// <param name="utf8">The bytes, read as the results are enumerated.</param>
    /// <param name="maxLineBytes">The longest line read, in bytes (line break excluded); a longer one is a result with that problem, in its place, and is never held in memory whole.</param>
    /// <returns>One result per non-blank line, in order, each with its line number.</returns>
    /// <exception cref="InvalidDataException">When enumerated: the bytes are UTF-16 or UTF-32, not UTF-8 (the message names the encoding).</exception>
    public static IEnumerable<AccountReadResult> ReadLines(Stream utf8, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(utf8);
        return NumberedLines.Read<AccountReadResult>(utf8, static (bytes, line) => Read(bytes, line), Failed, maxLineBytes);
    }

    /// <summary>
    /// Reads accounts written as JSON Lines: one account per line, lines ending at a line feed (a carriage return before
    /// it is dropped; one anywhere else is part of the line, never a line break); blank lines are skipped.
    /// </summary>
    /// <param name="reader">The text, read line by line as the results are enumerated.</param>
    /// <returns>One result per non-blank line, in order, each with its line number.</returns>
    public static IEnumerable<AccountReadResult> ReadLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return NumberedLines.Read(reader, static (text, line) => Read(text, line), Failed, DefaultMaxLineBytes);
    }

    private static BorrowerState? ReadAccount(JsonElementReader r, JsonElement element)
    {
        if (r.Object(element, "$", AccountProperties) is not { } o)
        {
            return null;
        }

        var account = new BorrowerState(o.Required("accountId", r.String) ?? string.Empty)
        {
            TimeZoneIds = o.Optional("timeZones", (e, p) => r.Array(e, p, r.String)),
            DueDate = o.RequiredOrNull("dueDate", (e, p) => r.Date(e, p)),
            AmountDue = o.Required("amountDue", (e, p) => ReadMoney(r, e, p)) ?? default,
            Autopay = o.Optional("autopay", r.Boolean) ?? false,
            ContactPoints = o.Optional("contactPoints", (e, p) => r.Array(e, p, (x, xp) => ReadContactPoint(r, x, xp))),
            Holds = o.Optional("holds", (e, p) => r.Array(e, p, (x, xp) => ReadHold(r, x, xp))),
            Tags = o.Optional("tags", (e, p) => r.Array(e, p, r.String)),
            History = o.Optional("history", (e, p) => r.Array(e, p, (x, xp) => ReadAttempt(r, x, xp))),
        };
        return r.Errors.Count == 0 ? account : null;
    }

    /// <summary>Whether <paramref name="currency"/> has the shape of an ISO 4217 code: three capital letters.</summary>
    internal static bool IsCurrency(string currency) => currency.Length == 3 && currency.All(char.IsAsciiLetterUpper);

    internal static Money? ReadMoney(JsonElementReader r, JsonElement element, string path)
    {
        if (r.Object(element, path, MoneyProperties) is not { } o)
        {
            return null;
        }

        var amount = o.Required("amount", r.Decimal);
        if (amount < 0)
        {
            r.Error(o.PathOf("amount"), JsonElementReader.Invariant($"the amount ({amount}) cannot be negative"));
        }

        var currency = o.Required("currency", r.String);
        if (currency is not null && !IsCurrency(currency))
        {
            r.Error(o.PathOf("currency"), $"'{currency}' is not an ISO 4217 currency code such as USD");
        }

        return amount is { } a && currency is not null ? new Money(a, currency) : null;
    }

    /// <summary>A contact point of an account line, or of a person line with <paramref name="ofPerson"/> (which may name its <c>id</c> and <c>kind</c>).</summary>
    internal static ContactPoint? ReadContactPoint(JsonElementReader r, JsonElement element, string path, bool ofPerson = false)
    {
        if (r.Object(element, path, ofPerson ? PersonContactPointProperties : ContactPointProperties) is not { } o)
        {
            return null;
        }

        var channel = o.Required("channel", (e, p) => r.Enum(e, p, JsonNames.ContactChannels));
        var point = new ContactPoint(channel ?? Channel.None)
        {
            Id = o.Optional("id", r.String)!,
            Kind = o.Optional("kind", (e, p) => r.Enum(e, p, JsonNames.ContactPointKinds)) ?? ContactPointKind.Unspecified,
            OptedOut = o.Optional("optedOut", r.Boolean) ?? false,
            ConsentGiven = o.Optional("consentGiven", r.Boolean) ?? false,
            IsWorkplace = o.Optional("isWorkplace", r.Boolean) ?? false,
            UpdatedAt = o.Optional("updatedAt", (e, p) => r.Instant(e, p)),
        };
        return channel is null ? null : point;
    }

    internal static Hold? ReadHold(JsonElementReader r, JsonElement element, string path)
    {
        if (r.Object(element, path, HoldProperties) is not { } o)
        {
            return null;
        }

        var kind = o.Required("kind", r.String);
        var from = o.Required("from", (e, p) => r.Instant(e, p));
        var hold = new Hold(new HoldKind(kind ?? string.Empty), from ?? default, o.Optional("until", (e, p) => r.Instant(e, p)))
        {
            PromisedDate = o.Optional("promisedDate", (e, p) => r.Date(e, p)),
        };
        return kind is null || from is null ? null : hold;
    }

    /// <summary>An attempt of an account line, or of a person line with <paramref name="ofPerson"/> (which may name its <c>contactPointId</c> and <c>accountIds</c>).</summary>
    internal static ContactAttempt? ReadAttempt(JsonElementReader r, JsonElement element, string path, bool ofPerson = false)
    {
        if (r.Object(element, path, ofPerson ? PersonAttemptProperties : AttemptProperties) is not { } o)
        {
            return null;
        }

        var at = o.Required("at", (e, p) => r.Instant(e, p));
        var channel = o.Required("channel", (e, p) => r.Enum(e, p, JsonNames.Channels));
        var direction = o.Optional("direction", (e, p) => r.Enum(e, p, JsonNames.Directions)) ?? ContactDirection.Outbound;
        var outcome = o.Required("outcome", (e, p) => r.Enum(e, p, JsonNames.Outcomes));
        var stepId = o.Optional("stepId", r.String);
        var pointId = o.Optional("contactPointId", r.String);
        var accountIds = o.Optional("accountIds", (e, p) => r.Array(e, p, r.String));
        return at is { } a && channel is { } c && outcome is { } x
            ? new ContactAttempt(a, c, direction, x, stepId) { ContactPointId = pointId, AccountIds = accountIds }
            : null;
    }
}
