using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Text.Json;
using NodaTime;

namespace Cadence.Json;

/// <summary>
/// The happy path of reading a person or account line: one pass of <see cref="Utf8JsonReader"/> straight into the model, with no
/// document, no path strings and no closures. It accepts only what the full reader accepts and reads it to the same
/// person: anything unusual — an escape in a string, an unknown or repeated property, a null where a value is expected,
/// a value out of the plain forms (a date that is not <c>uuuu-MM-dd</c>, an instant that is not
/// <c>uuuu-MM-ddTHH:mm:ss[.f…]Z</c>), or any problem at all — makes it give up, and the full reader then reads the line
/// and reports every problem with its path. A record with <c>personId</c> is a person, else one with <c>accountId</c> an
/// account line, as the full reader decides. Contact points and attempts in the plainest form (compact, as
/// <see cref="PersonJson.Write"/> writes them) are matched as bytes rather than read as tokens: see
/// <c>FastRecordReader.Bytes.cs</c>.
/// </summary>
internal ref partial struct FastRecordReader
{
    // The names of enum values as UTF-8, found by a token's bytes.
    private static readonly Utf8Names<Channel> ContactChannels = Utf8(JsonNames.ContactChannels);
    private static readonly Utf8Names<Channel> Channels = Utf8(JsonNames.Channels);
    private static readonly Utf8Names<ContactDirection> Directions = Utf8(JsonNames.Directions);
    private static readonly Utf8Names<ContactOutcome> Outcomes = Utf8(JsonNames.Outcomes);
    private static readonly Utf8Names<ContactPointKind> ContactPointKinds = Utf8(JsonNames.ContactPointKinds);

    // The properties of each record, numbered in the order of its reader's switch.
    private static readonly Utf8Names<int> RecordProperties = Properties(
        "personId", "timeZones", "regions", "holds", "tags", "contactPoints", "history", "accounts", "accountId", "dueDate", "amountDue", "autopay");

    private static readonly Utf8Names<int> AccountProperties = Properties("accountId", "dueDate", "amountDue", "autopay", "holds", "tags");
    private static readonly Utf8Names<int> ContactPointProperties = Properties("id", "channel", "kind", "optedOut", "consentGiven", "isWorkplace", "updatedAt");
    private static readonly Utf8Names<int> AttemptProperties = Properties("at", "channel", "direction", "outcome", "stepId", "contactPointId", "accountIds");
    private static readonly Utf8Names<int> HoldProperties = Properties("kind", "from", "until", "promisedDate");
    private static readonly Utf8Names<int> MoneyProperties = Properties("amount", "currency");

    private readonly RecentStrings recent;

    // The whole record; the reader reads it from start on (items matched as bytes move the reader past them).
    private readonly ReadOnlySpan<byte> utf8;
    private Utf8JsonReader reader;
    private int start;
    private int depth;

    private FastRecordReader(ReadOnlySpan<byte> utf8)
    {
        this.utf8 = utf8;
        reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 });
        recent = RecentStrings.OfThisThread;
    }

    /// <summary>Reads a person or an account line, or gives up (<see langword="false"/>) for the full reader to read it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> utf8, out Person? person, out BorrowerState? account)
    {
        person = null;
        account = null;
        try
        {
            var fast = new FastRecordReader(utf8);
            return fast.Record(out person, out account) && !fast.reader.Read();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            person = null;
            account = null;
            return false;
        }
    }

    /// <summary>A person line (<see langword="null"/> when it is not one, or gives up).</summary>
    public static Person? TryRead(ReadOnlySpan<byte> utf8) => TryRead(utf8, out var person, out _) ? person : null;

    private bool Record(out Person? person, out BorrowerState? account)
    {
        person = null;
        account = null;
        if (!Read(JsonTokenType.StartObject))
        {
            return false;
        }

        string? id = null, accountId = null;
        ImmutableArray<string> zones = [], regions = [], tags = [];
        ImmutableArray<Hold> holds = [];
        ImmutableArray<ContactPoint> points = [];
        ImmutableArray<ContactAttempt> history = [];
        ImmutableArray<Account> accounts = [];
        LocalDate? due = null;
        Money amount = default;
        var autopay = false;
        var personOnly = false;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(RecordProperties);
            Once(ref seen, ref name);
            var ok = name switch
            {
                0 => (id = String()) is not null,
                1 => Strings(out zones),
                2 => Strings(out regions) && regions.All(PersonJson.IsRegion),
                3 => Items<Hold, HoldItem>(out holds),
                4 => Strings(out tags),
                5 => Items<ContactPoint, ContactPointItem>(out points, ref personOnly),
                6 => Items<ContactAttempt, AttemptItem>(out history, ref personOnly),
                7 => Items<Account, AccountItem>(out accounts),
                8 => (accountId = String()) is not null,
                9 => DateOrNull(out due),
                10 => MoneyOrNull(out amount),
                11 => Boolean(out autopay),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return false;
        }

        const int PersonRequired = (1 << 0) | (1 << 7), AccountOnly = 0b1111 << 8;
        const int AccountRequired = (1 << 8) | (1 << 9) | (1 << 10), PersonOnly = (1 << 0) | (1 << 2) | (1 << 7);
        if ((seen & PersonRequired) == PersonRequired && (seen & AccountOnly) == 0)
        {
            person = new Person(id!) { TimeZoneIds = zones, Regions = regions, Holds = holds, Tags = tags, ContactPoints = points, History = history, Accounts = accounts };
            return true;
        }

        // An account line: its amount due may not be null, and its points and attempts have no person fields.
        if ((seen & AccountRequired) == AccountRequired && (seen & PersonOnly) == 0 && !personOnly && amount.Currency is not null)
        {
            account = new BorrowerState(accountId!)
            {
                TimeZoneIds = zones,
                DueDate = due,
                AmountDue = amount,
                Autopay = autopay,
                ContactPoints = points,
                Holds = holds,
                Tags = tags,
                History = history,
            };
            return true;
        }

        return false;
    }

    /// <summary>Marks a property as seen; a second one, like an unknown one, becomes -1, on which the reader gives up.</summary>
    private static void Once(ref int seen, ref int name)
    {
        if (name < 0 || (seen & (1 << name)) != 0)
        {
            name = -1;
            return;
        }

        seen |= 1 << name;
    }

    /// <summary>Reads one kind of item of an array (its first token already read), or gives up with <see langword="null"/>.</summary>
    private interface IItem<T>
        where T : class
    {
        /// <summary>The token an item starts with.</summary>
        static abstract JsonTokenType Token { get; }

        static abstract T? Read(ref FastRecordReader self, ref bool personOnly);

        /// <summary>
        /// Matches the array's first items as bytes from <paramref name="next"/> (just after the <c>[</c>), adding them to
        /// <paramref name="items"/>; leaves <paramref name="next"/> where an item not matched starts (after the <c>[</c> or
        /// a comma), or at the <c>]</c>. By default nothing is matched: every item is read as tokens.
        /// </summary>
        /// <returns><see langword="true"/> when the <c>]</c> was reached.</returns>
        static virtual bool Match(ref FastRecordReader self, ref int next, List<T> items, ref bool personOnly) => false;
    }

    /// <summary>
    /// An array whose items all start with <typeparamref name="TItem"/>'s token, each read by it; false (give up) when it
    /// is not one, or when an item gives up.
    /// </summary>
    private bool Items<T, TItem>(out ImmutableArray<T> items, ref bool personOnly)
        where T : class
        where TItem : struct, IItem<T>
    {
        items = [];
        if (!Read(JsonTokenType.StartArray))
        {
            return false;
        }

        // Items gather in the thread's scratch list of this depth (arrays nest: an account's holds inside the accounts);
        // the array made at the end is the only allocation.
        var scratch = Scratch<T>.At(depth++);
        try
        {
            if (!MatchPlainItems<T, TItem>(scratch, ref personOnly))
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == TItem.Token)
            {
                if (TItem.Read(ref this, ref personOnly) is not { } value)
                {
                    return false;
                }

                scratch.Add(value);
            }

            if (scratch.Count > 0)
            {
                items = ImmutableCollectionsMarshal.AsImmutableArray(scratch.ToArray());
            }

            return reader.TokenType == JsonTokenType.EndArray;
        }
        finally
        {
            scratch.Clear();
            depth--;
        }
    }

    /// <summary>An array of items that have no person-only fields.</summary>
    private bool Items<T, TItem>(out ImmutableArray<T> items)
        where T : class
        where TItem : struct, IItem<T>
    {
        var none = false;
        return Items<T, TItem>(out items, ref none);
    }

    private Account? Account()
    {
        string? id = null;
        LocalDate? due = null;
        Money amount = default;
        var autopay = false;
        ImmutableArray<Hold> holds = [];
        ImmutableArray<string> tags = [];
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(AccountProperties);
            Once(ref seen, ref name);
            switch (name)
            {
                case 0 when (id = String()) is not null:
                    break;
                case 1 when DateOrNull(out due):
                    break;
                case 2 when MoneyOrNull(out amount):
                    break;
                case 3 when Boolean(out autopay):
                    break;
                case 4 when Items<Hold, HoldItem>(out holds):
                    break;
                case 5 when Strings(out tags):
                    break;
                default:
                    return null;
            }
        }

        // The id, the due date and the amount are required (the last two may be null).
        return reader.TokenType == JsonTokenType.EndObject && id is not null && (seen & 0b111) == 0b111
            ? new Account(id) { DueDate = due, AmountDue = amount, Autopay = autopay, Holds = holds, Tags = tags }
            : null;
    }

    private ContactPoint? ContactPoint(ref bool personOnly)
    {
        string? id = null;
        Channel channel = default;
        var kind = ContactPointKind.Unspecified;
        bool optedOut = false, consent = false, workplace = false;
        Instant updated = default;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(ContactPointProperties);
            Once(ref seen, ref name);
            var ok = name switch
            {
                0 => (id = SharedString()) is not null && (personOnly = true),
                1 => Enum(ContactChannels, out channel),
                2 => Kind(out kind) && (personOnly = true),
                3 => Boolean(out optedOut),
                4 => Boolean(out consent),
                5 => Boolean(out workplace),
                6 => Instant(out updated),
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? NewPoint(seen, id, channel, kind, optedOut, consent, workplace, updated) : null;
    }

    /// <summary>A contact point of the properties read (<paramref name="seen"/>, numbered as <see cref="ContactPointProperties"/>), or none when a required one is missing.</summary>
    private static ContactPoint? NewPoint(int seen, string? id, Channel channel, ContactPointKind kind, bool optedOut, bool consent, bool workplace, Instant updated)
    {
        // The channel is required.
        return (seen & (1 << 1)) != 0
            ? new ContactPoint(channel)
            {
                Id = id!,
                Kind = kind,
                OptedOut = optedOut,
                ConsentGiven = consent,
                IsWorkplace = workplace,
                UpdatedAt = (seen & (1 << 6)) != 0 ? updated : null,
            }
            : null;
    }

    private ContactAttempt? Attempt(ref bool personOnly)
    {
        Instant at = default;
        Channel channel = default;
        var direction = ContactDirection.Outbound;
        ContactOutcome outcome = default;
        string? step = null, point = null;
        ImmutableArray<string> accounts = [];
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(AttemptProperties);
            Once(ref seen, ref name);
            var ok = name switch
            {
                0 => Instant(out at),
                1 => Enum(Channels, out channel),
                2 => Enum(Directions, out direction),
                3 => Enum(Outcomes, out outcome),
                4 => (step = SharedString()) is not null,
                5 => (point = SharedString()) is not null && (personOnly = true),
                6 => Strings(out accounts) && (personOnly = true),
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? NewAttempt(seen, at, channel, direction, outcome, step, point, accounts) : null;
    }

    /// <summary>An attempt of the properties read (<paramref name="seen"/>, numbered as <see cref="AttemptProperties"/>), or none when a required one is missing.</summary>
    private static ContactAttempt? NewAttempt(int seen, Instant at, Channel channel, ContactDirection direction, ContactOutcome outcome, string? step, string? point, ImmutableArray<string> accounts)
    {
        // The instant, the channel and the outcome are required.
        const int Required = (1 << 0) | (1 << 1) | (1 << 3);
        return (seen & Required) == Required
            ? new ContactAttempt(at, channel, direction, outcome, step) { ContactPointId = point, AccountIds = accounts }
            : null;
    }

    private Hold? Hold()
    {
        string? kind = null;
        Instant from = default, until = default;
        LocalDate? promised = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(HoldProperties);
            Once(ref seen, ref name);
            var ok = name switch
            {
                0 => (kind = SharedString()) is not null,
                1 => Instant(out from),
                2 => Instant(out until),
                3 => (promised = Date()) is not null,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        // The kind and the start are required.
        return reader.TokenType == JsonTokenType.EndObject && kind is not null && (seen & (1 << 1)) != 0
            ? new Hold(new HoldKind(kind), from, (seen & (1 << 2)) != 0 ? until : null) { PromisedDate = promised }
            : null;
    }

    private bool Strings(out ImmutableArray<string> strings)
        => Items<string, StringItem>(out strings);

    /// <summary>The next value as a string that repeats from line to line (a step, a point, a zone): see <see cref="SharedText"/>.</summary>
    private string? SharedString() => reader.Read() && reader.TokenType == JsonTokenType.String ? SharedText() : null;

    /// <summary>
    /// The current string token as <see cref="Text"/> reads it, taken from the thread's few recent strings when it is
    /// one of them (ids of steps and points, zones and account ids repeat in a person's history and across persons):
    /// most are then not made again.
    /// </summary>
    private readonly string? SharedText()
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return null;
        }

        return recent.Get(reader.ValueSpan) is { } known ? known : Text() is { } text ? recent.Add(reader.ValueSpan, text) : null;
    }

    /// <summary>The next value as a non-blank string without escapes, or null (give up).</summary>
    private string? String() => reader.Read() && reader.TokenType == JsonTokenType.String ? Text() : null;

    /// <summary>The current string token as text: none when it has escapes or is blank (the full reader judges those).</summary>
    private readonly string? Text()
    {
        if (reader.ValueIsEscaped || reader.HasValueSequence)
        {
            return null;
        }

        return NonBlank(reader.GetString());
    }

    /// <summary>The text, or none when it is blank (the full reader reports a blank string).</summary>
    private static string? NonBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static Utf8Names<T> Utf8<T>(FrozenDictionary<string, T> names)
        where T : struct, System.Enum
        => new(names.Select(p => (p.Key, p.Value)));

    private static Utf8Names<int> Properties(params string[] names) => new(names.Select((name, i) => (name, i)));

    /// <summary>The number of the current property name in <paramref name="names"/>, or -1 (an unknown or escaped name: give up).</summary>
    private readonly int Property(Utf8Names<int> names)
        => !reader.ValueIsEscaped && !reader.HasValueSequence && names.TryGet(reader.ValueSpan, out var name) ? name : -1;

    /// <summary>The next value as one of <paramref name="names"/>' values, found by its UTF-8 bytes: no string is made.</summary>
    private bool Enum<T>(Utf8Names<T> names, out T value)
        where T : struct, System.Enum
    {
        value = default;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
               && names.TryGet(reader.ValueSpan, out value);
    }

    private bool Kind(out ContactPointKind kind)
    {
        var known = Enum(ContactPointKinds, out kind);
        kind = known ? kind : ContactPointKind.Unspecified;
        return known;
    }

    private bool Boolean(out bool value)
    {
        value = false;
        if (!reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        value = reader.TokenType == JsonTokenType.True;
        return true;
    }

    private bool MoneyOrNull(out Money money)
    {
        money = default;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        decimal? amount = null;
        string? currency = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Property(MoneyProperties);
            Once(ref seen, ref name);
            if (name == 0 && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var a) && a >= 0)
            {
                amount = a;
            }
            else if (name == 1 && SharedString() is { } c && AccountJson.IsCurrency(c))
            {
                currency = c;
            }
            else
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || amount is not { } value || currency is null)
        {
            return false;
        }

        money = new Money(value, currency);
        return true;
    }

    private bool DateOrNull(out LocalDate? date)
    {
        date = null;
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType == JsonTokenType.Null)
        {
            return true;
        }

        date = DateToken();
        return date is not null;
    }

    private LocalDate? Date() => reader.Read() ? DateToken() : null;

    /// <summary>A <c>uuuu-MM-dd</c> date of the current token, or none.</summary>
    private readonly LocalDate? DateToken()
        => reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
           && Utf8Instant.TryParsePlainDate(reader.ValueSpan, out var date) ? date : null;

    /// <summary>A <c>uuuu-MM-ddTHH:mm:ss[.f…]Z</c> instant of the next token, or false (give up).</summary>
    private bool Instant(out Instant instant)
    {
        instant = default;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
               && Utf8Instant.TryParsePlain(reader.ValueSpan, out instant);
    }

    private bool Read(JsonTokenType type) => reader.Read() && reader.TokenType == type;

    /// <summary>The thread's scratch lists of <typeparamref name="T"/>, one per depth of nested arrays.</summary>
    private static class Scratch<T>
    {
        [ThreadStatic]
        private static List<List<T>>? lists;

        public static List<T> At(int depth)
        {
            var all = lists ??= [];
            while (all.Count <= depth)
            {
                all.Add([]);
            }

            return all[depth];
        }
    }

    private readonly struct HoldItem : IItem<Hold>
    {
        public static JsonTokenType Token => JsonTokenType.StartObject;

        public static Hold? Read(ref FastRecordReader self, ref bool personOnly) => self.Hold();
    }

    private readonly struct ContactPointItem : IItem<ContactPoint>
    {
        public static JsonTokenType Token => JsonTokenType.StartObject;

        public static ContactPoint? Read(ref FastRecordReader self, ref bool personOnly) => self.ContactPoint(ref personOnly);

        public static bool Match(ref FastRecordReader self, ref int next, List<ContactPoint> items, ref bool personOnly)
            => self.MatchObjects<ContactPoint, PlainPoint>(ref next, items, ref personOnly);
    }

    private readonly struct AttemptItem : IItem<ContactAttempt>
    {
        public static JsonTokenType Token => JsonTokenType.StartObject;

        public static ContactAttempt? Read(ref FastRecordReader self, ref bool personOnly) => self.Attempt(ref personOnly);

        public static bool Match(ref FastRecordReader self, ref int next, List<ContactAttempt> items, ref bool personOnly)
            => self.MatchObjects<ContactAttempt, PlainAttempt>(ref next, items, ref personOnly);
    }

    private readonly struct AccountItem : IItem<Account>
    {
        public static JsonTokenType Token => JsonTokenType.StartObject;

        public static Account? Read(ref FastRecordReader self, ref bool personOnly) => self.Account();
    }

    private readonly struct StringItem : IItem<string>
    {
        public static JsonTokenType Token => JsonTokenType.String;

        public static string? Read(ref FastRecordReader self, ref bool personOnly) => self.SharedText();
    }

    /// <summary>
    /// A thread's recent shared strings with their UTF-8 bytes, in a table of 256 slots indexed by a hash of the bytes:
    /// one comparison finds a string, and a new one takes its slot's place.
    /// </summary>
    private sealed class RecentStrings
    {
        private const int Slots = 256;

        // Strings longer than this are not kept: ids and zones are short.
        private const int MaxBytes = 64;

        [ThreadStatic]
        private static RecentStrings? ofThisThread;

        private readonly (byte[]? Utf8, string? Text)[] entries = new (byte[]?, string?)[Slots];

        /// <summary>The table of the calling thread.</summary>
        public static RecentStrings OfThisThread => ofThisThread ??= new RecentStrings();

        public string? Get(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > MaxBytes || utf8.IsEmpty)
            {
                return null;
            }

            var (bytes, text) = entries[Slot(utf8)];
            return bytes is not null && utf8.SequenceEqual(bytes) ? text : null;
        }

        public string Add(ReadOnlySpan<byte> utf8, string text)
        {
            if (utf8.Length <= MaxBytes && !utf8.IsEmpty)
            {
                entries[Slot(utf8)] = (utf8.ToArray(), text);
            }

            return text;
        }

        /// <summary>A slot from the length and the last bytes, where ids differ (<c>call-1</c>, <c>call-2</c>, <c>L-17</c>).</summary>
        private static int Slot(ReadOnlySpan<byte> utf8)
        {
            var hash = (uint)utf8.Length * 31;
            for (var i = Math.Max(0, utf8.Length - 4); i < utf8.Length; i++)
            {
                hash = (hash * 31) + utf8[i];
            }

            hash ^= (uint)utf8[0] << 7;
            return (int)(hash % Slots);
        }
    }
}
