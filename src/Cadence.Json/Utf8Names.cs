using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cadence.Json;

/// <summary>
/// A fixed set of UTF-8 names (properties of a record, or the names of an enum's values) and their values, in which a
/// name is found with one comparison of two machine words: a name of up to 16 bytes is told by its length and the
/// words of its first and last bytes, each in a slot of its own. Made once, read by any thread.
/// </summary>
/// <typeparam name="T">The values.</typeparam>
internal sealed class Utf8Names<T>
{
    // Names longer than this would need more than the two words to tell them apart.
    private const int MaxLength = 16;

    private readonly Entry[] entries;
    private readonly int shift;

    /// <summary>Makes the table.</summary>
    /// <param name="names">The names (distinct, 1 to 16 bytes of UTF-8) and their values.</param>
    /// <exception cref="ArgumentException">A name is empty or too long, or two names would share a slot in any table up to 4 096 slots.</exception>
    public Utf8Names(IEnumerable<(string Name, T Value)> names)
    {
        var utf8 = names.Select(e => (Name: System.Text.Encoding.UTF8.GetBytes(e.Name), e.Value)).ToArray();
        if (utf8.FirstOrDefault(e => e.Name.Length is 0 or > MaxLength) is { Name: { } bad })
        {
            throw new ArgumentException($"'{System.Text.Encoding.UTF8.GetString(bad)}' is not 1 to {MaxLength} bytes long", nameof(names));
        }

        for (var bits = 4; bits <= 12; bits++)
        {
            var slots = new Entry[1 << bits];
            var distinct = true;
            foreach (var (name, value) in utf8)
            {
                var (first, last) = Words(name);
                var slot = Slot(first, last, name.Length, 64 - bits);
                distinct &= slots[slot].Length == 0;
                slots[slot] = new Entry(first, last, name.Length, value);
            }

            if (distinct)
            {
                (entries, shift) = (slots, 64 - bits);
                return;
            }
        }

        throw new ArgumentException("two names share a slot: tell them apart some other way", nameof(names));
    }

    /// <summary>Finds a name.</summary>
    /// <param name="name">The name's UTF-8 bytes.</param>
    /// <param name="value">Its value.</param>
    /// <returns><see langword="false"/> when it is not one of the names.</returns>
    public bool TryGet(ReadOnlySpan<byte> name, out T value)
    {
        if (name.Length is > 0 and <= MaxLength)
        {
            var (first, last) = Words(name);
            ref readonly var entry = ref entries[Slot(first, last, name.Length, shift)];
            if (entry.First == first && entry.Last == last && entry.Length == name.Length)
            {
                value = entry.Value;
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// The words that hold a name of 1 to 16 bytes whole: its first and last 8 bytes (overlapping when shorter than 16),
    /// or for a shorter name its first and last 4 bytes, or its bytes one by one; with the length, they tell it.
    /// </summary>
    private static (ulong First, ulong Last) Words(ReadOnlySpan<byte> name)
    {
        ref var start = ref MemoryMarshal.GetReference(name);
        var length = name.Length;
        if (length >= 8)
        {
            return (Unsafe.ReadUnaligned<ulong>(ref start), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref start, length - 8)));
        }

        if (length >= 4)
        {
            return (Unsafe.ReadUnaligned<uint>(ref start), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref start, length - 4)));
        }

        return (start | ((ulong)Unsafe.Add(ref start, length - 1) << 8) | ((ulong)Unsafe.Add(ref start, length / 2) << 16), 0);
    }

    /// <summary>A slot among 2^(64 − <paramref name="shift"/>): a Fibonacci hash of the words and the length.</summary>
    private static int Slot(ulong first, ulong last, int length, int shift)
        => (int)(((first ^ (last * 31) ^ (ulong)length) * 0x9E3779B97F4A7C15ul) >> shift);

    private readonly record struct Entry(ulong First, ulong Last, int Length, T Value);
}
