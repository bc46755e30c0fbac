namespace Cadence.Json;

/// <summary>
/// A fixed set of UTF-8 names (properties of a record, or the names of an enum's values) and their values, in which a
/// name is found with one comparison: each name has a slot of its own, chosen by its length and its first and last
/// bytes. Made once, read by any thread.
/// </summary>
/// <typeparam name="T">The values.</typeparam>
internal sealed class Utf8Names<T>
{
    private readonly byte[]?[] names;
    private readonly T[] values;
    private readonly int bits;

    /// <summary>Makes the table.</summary>
    /// <param name="entries">The names (distinct, not empty) and their values.</param>
    /// <exception cref="ArgumentException">Two names would share a slot in any table up to 4 096 slots.</exception>
    public Utf8Names(IEnumerable<(string Name, T Value)> entries)
    {
        var utf8 = entries.Select(e => (Name: System.Text.Encoding.UTF8.GetBytes(e.Name), e.Value)).ToArray();
        for (var tableBits = 4; tableBits <= 12; tableBits++)
        {
            var slots = new byte[]?[1 << tableBits];
            var slotValues = new T[1 << tableBits];
            var distinct = true;
            foreach (var (name, value) in utf8)
            {
                var slot = Slot(name, tableBits);
                distinct &= slots[slot] is null;
                slots[slot] = name;
                slotValues[slot] = value;
            }

            if (distinct)
            {
                (names, values, bits) = (slots, slotValues, tableBits);
                return;
            }
        }

        throw new ArgumentException("two names share a slot: tell them apart some other way", nameof(entries));
    }

    /// <summary>Finds a name.</summary>
    /// <param name="name">The name's UTF-8 bytes.</param>
    /// <param name="value">Its value.</param>
    /// <returns><see langword="false"/> when it is not one of the names.</returns>
    public bool TryGet(ReadOnlySpan<byte> name, out T value)
    {
        if (!name.IsEmpty)
        {
            var slot = Slot(name, bits);
            if (names[slot] is { } known && name.SequenceEqual(known))
            {
                value = values[slot];
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>The slot of a name in a table of 2^<paramref name="bits"/> slots: a Fibonacci hash of its length, first and last bytes.</summary>
    private static int Slot(ReadOnlySpan<byte> name, int bits)
        => (int)((((uint)name.Length << 16) | ((uint)name[0] << 8) | name[^1]) * 0x9E3779B1u >> (32 - bits));
}
