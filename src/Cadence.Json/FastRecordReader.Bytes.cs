using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Cadence.Json;

/// <summary>
/// The plainest form of a record's contact points and history, matched as bytes rather than read as tokens: they are
/// most of a person's bytes, and all alike. An item matches when it is an object with no white space, whose names and
/// string values are printable ASCII without escapes (such bytes are valid JSON, and their text is the bytes
/// themselves), whose other values are <c>true</c> or <c>false</c> or arrays of such strings. Its values are then read
/// as the token path reads them, and an item that matches but holds what the token path would refuse is refused alike.
/// At the first item out of that form, the items left are read as tokens by a reader that resumes in the state it had
/// after the <c>[</c>.
/// </summary>
internal ref partial struct FastRecordReader
{
    /// <summary>The values of one kind of plain object, gathered as its properties are matched.</summary>
    private interface IPlainObject<T>
        where T : class
    {
        /// <summary>The object's properties, numbered as its token reader numbers them.</summary>
        static abstract Utf8Names<int> Properties { get; }

        /// <summary>Whether a property only a person's item has was matched (a point's id, an attempt's point or accounts).</summary>
        bool PersonOnly { get; }

        /// <summary>Matches the value of property <paramref name="name"/> at <paramref name="p"/>; <paramref name="p"/> then follows it.</summary>
        bool Value(ref FastRecordReader self, int name, ref int p);

        /// <summary>The object of the values matched, or none when a required one is missing.</summary>
        T? Make(int seen);
    }

    /// <summary>
    /// Matches the first items of the array just started as bytes, when its items can be (<see cref="IItem{T}.Match"/>),
    /// and moves the reader past them.
    /// </summary>
    /// <returns><see langword="false"/> (give up) when what follows the matched items cannot be valid JSON.</returns>
    private bool MatchPlainItems<T, TItem>(List<T> items, ref bool personOnly)
        where T : class
        where TItem : struct, IItem<T>
    {
        var first = start + (int)reader.BytesConsumed;
        var next = first;
        var end = TItem.Match(ref this, ref next, items, ref personOnly);
        if (next == first)
        {
            return true;
        }

        // A reader resumed after a comma sees an item's start: the comma is JSON only when an item does follow.
        if (!end && utf8[next..].TrimStart(" \t\r\n"u8) is [(byte)']', ..])
        {
            return false;
        }

        reader = new Utf8JsonReader(utf8[next..], isFinalBlock: true, reader.CurrentState);
        start = next;
        return true;
    }

    /// <summary>Matches plain objects from <paramref name="next"/> on, each followed by a comma or the <c>]</c> (see <see cref="IItem{T}.Match"/>).</summary>
    private bool MatchObjects<T, TValues>(ref int next, List<T> items, ref bool personOnly)
        where T : class
        where TValues : struct, IPlainObject<T>
    {
        var p = next;
        if (At(p) == ']')
        {
            return true;
        }

        while (MatchObject<T, TValues>(ref p, out var item, out var itemPersonOnly))
        {
            var after = At(p);
            if (after is not ((byte)',' or (byte)']'))
            {
                return false;
            }

            items.Add(item);
            personOnly |= itemPersonOnly;
            if (after == ']')
            {
                next = p;
                return true;
            }

            next = ++p;
        }

        return false;
    }

    /// <summary>A plain object at <paramref name="p"/>, read as its token reader reads one; <paramref name="p"/> then follows it.</summary>
    private bool MatchObject<T, TValues>(ref int p, [NotNullWhen(true)] out T? item, out bool personOnly)
        where T : class
        where TValues : struct, IPlainObject<T>
    {
        item = null;
        personOnly = false;
        if (At(p++) != '{')
        {
            return false;
        }

        var values = default(TValues);
        var seen = 0;
        while (true)
        {
            if (!Quoted(ref p, out var property) || At(p++) != ':')
            {
                return false;
            }

            var name = TValues.Properties.TryGet(property, out var number) ? number : -1;
            Once(ref seen, ref name);
            var ok = name >= 0 && values.Value(ref this, name, ref p);
            var after = At(p++);
            if (!ok || after is not ((byte)',' or (byte)'}'))
            {
                return false;
            }

            if (after == '}')
            {
                break;
            }
        }

        item = values.Make(seen);
        personOnly = values.PersonOnly;
        return item is not null;
    }

    /// <summary>The byte at <paramref name="p"/>, or 0 past the end.</summary>
    private readonly byte At(int p) => (uint)p < (uint)utf8.Length ? utf8[p] : (byte)0;

    /// <summary>A plain string at <paramref name="p"/> (a quote, plain bytes, a quote), its bytes without the quotes; <paramref name="p"/> then follows it.</summary>
    private readonly bool Quoted(ref int p, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (At(p) != '"')
        {
            return false;
        }

        var rest = utf8[(p + 1)..];
        var length = PlainLength(rest);
        if (length == rest.Length || rest[length] != '"')
        {
            return false;
        }

        text = rest[..length];
        p += length + 2;
        return true;
    }

    /// <summary>A plain string at <paramref name="p"/> that is one of <paramref name="names"/>.</summary>
    private readonly bool QuotedName<T>(ref int p, Utf8Names<T> names, out T value)
        where T : struct, System.Enum
    {
        value = default;
        return Quoted(ref p, out var text) && names.TryGet(text, out value);
    }

    /// <summary>A plain string at <paramref name="p"/> as <see cref="SharedText"/> reads one: from the recent strings, none when blank.</summary>
    private readonly string? QuotedShared(ref int p)
    {
        if (!Quoted(ref p, out var utf8Text))
        {
            return null;
        }

        if (recent.Get(utf8Text) is { } known)
        {
            return known;
        }

        return NonBlank(Encoding.ASCII.GetString(utf8Text)) is { } text ? recent.Add(utf8Text, text) : null;
    }

    /// <summary>A plain array of plain strings at <paramref name="p"/>, each read by <see cref="QuotedShared"/>.</summary>
    private readonly bool QuotedStrings(ref int p, out ImmutableArray<string> strings)
    {
        strings = [];
        if (At(p++) != '[')
        {
            return false;
        }

        if (At(p) == ']')
        {
            p++;
            return true;
        }

        var scratch = Scratch<string>.At(depth);
        try
        {
            while (true)
            {
                if (QuotedShared(ref p) is not { } text)
                {
                    return false;
                }

                scratch.Add(text);
                var after = At(p++);
                if (after == ']')
                {
                    break;
                }

                if (after != ',')
                {
                    return false;
                }
            }

            strings = ImmutableCollectionsMarshal.AsImmutableArray(scratch.ToArray());
            return true;
        }
        finally
        {
            scratch.Clear();
        }
    }

    /// <summary>A plain <c>true</c> or <c>false</c> at <paramref name="p"/>.</summary>
    private readonly bool Literal(ref int p, out bool value)
    {
        var rest = utf8[p..];
        value = rest.StartsWith("true"u8);
        var length = value ? 4 : rest.StartsWith("false"u8) ? 5 : 0;
        p += length;
        return length > 0;
    }

    /// <summary>A plain string at <paramref name="p"/> that is a <c>uuuu-MM-ddTHH:mm:ss[.f…]Z</c> instant.</summary>
    private readonly bool QuotedInstant(ref int p, out Instant instant)
    {
        instant = default;
        return Quoted(ref p, out var text) && Utf8Instant.TryParsePlain(text, out instant);
    }

    /// <summary>An attempt's values, as <see cref="Attempt"/> reads them.</summary>
    private struct PlainAttempt : IPlainObject<ContactAttempt>
    {
        private Instant at;
        private Channel channel;
        private ContactDirection direction;
        private ContactOutcome outcome;
        private string? step, point;
        private ImmutableArray<string> accounts;

        public static Utf8Names<int> Properties => AttemptProperties;

        public bool PersonOnly { readonly get; private set; }

        public bool Value(ref FastRecordReader self, int name, ref int p) => name switch
        {
            0 => self.QuotedInstant(ref p, out at),
            1 => self.QuotedName(ref p, Channels, out channel),
            2 => self.QuotedName(ref p, Directions, out direction),
            3 => self.QuotedName(ref p, Outcomes, out outcome),
            4 => (step = self.QuotedShared(ref p)) is not null,
            5 => (point = self.QuotedShared(ref p)) is not null && (PersonOnly = true),
            6 => self.QuotedStrings(ref p, out accounts) && (PersonOnly = true),
            _ => false,
        };

        public readonly ContactAttempt? Make(int seen)
            => NewAttempt(seen, at, channel, (seen & (1 << 2)) != 0 ? direction : ContactDirection.Outbound, outcome, step, point, accounts);
    }

    /// <summary>A contact point's values, as <see cref="ContactPoint"/> reads them.</summary>
    private struct PlainPoint : IPlainObject<ContactPoint>
    {
        private string? id;
        private Channel channel;
        private ContactPointKind kind;
        private bool optedOut, consent, workplace;
        private Instant updated;

        public static Utf8Names<int> Properties => ContactPointProperties;

        public bool PersonOnly { readonly get; private set; }

        public bool Value(ref FastRecordReader self, int name, ref int p) => name switch
        {
            0 => (id = self.QuotedShared(ref p)) is not null && (PersonOnly = true),
            1 => self.QuotedName(ref p, ContactChannels, out channel),
            2 => self.QuotedName(ref p, ContactPointKinds, out kind) && (PersonOnly = true),
            3 => self.Literal(ref p, out optedOut),
            4 => self.Literal(ref p, out consent),
            5 => self.Literal(ref p, out workplace),
            6 => self.QuotedInstant(ref p, out updated),
            _ => false,
        };

        public readonly ContactPoint? Make(int seen) => NewPoint(seen, id, channel, kind, optedOut, consent, workplace, updated);
    }

    /// <summary>
    /// How many bytes at the start of <paramref name="text"/> a plain string may hold: printable ASCII (0x20 to 0x7E),
    /// neither a quote nor a backslash. Strings are short, so this looks at 16 bytes at a time inline rather than
    /// calling a general search.
    /// </summary>
    internal static int PlainLength(ReadOnlySpan<byte> text)
    {
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref MemoryMarshal.GetReference(text);
            for (; i <= text.Length - Vector128<byte>.Count; i += Vector128<byte>.Count)
            {
                var bytes = Vector128.LoadUnsafe(ref start, (nuint)i);

                // Bytes of 0x80 and more are negative as signed bytes, so below 0x20 too.
                var other = Vector128.LessThan(bytes.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte()
                            | Vector128.Equals(bytes, Vector128.Create((byte)0x7F))
                            | Vector128.Equals(bytes, Vector128.Create((byte)'"'))
                            | Vector128.Equals(bytes, Vector128.Create((byte)'\\'));
                if (other != Vector128<byte>.Zero)
                {
                    return i + BitOperations.TrailingZeroCount(other.ExtractMostSignificantBits());
                }
            }
        }

        for (; i < text.Length; i++)
        {
            if (text[i] is < 0x20 or > 0x7E or (byte)'"' or (byte)'\\')
            {
                return i;
            }
        }

        return i;
    }
}
