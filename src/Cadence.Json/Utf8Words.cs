using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cadence.Json;

/// <summary>Short UTF-8 texts told apart by two machine words and their length, without comparing them byte by byte.</summary>
internal static class Utf8Words
{
    /// <summary>
    /// The words that hold a text of 1 to 16 bytes whole: its first and last 8 bytes (overlapping when shorter than 16),
    /// or for a shorter text its first and last 4 bytes, or its bytes one by one; with the length, they tell it. A longer
    /// text gets its first and last 8 bytes, which do not tell it.
    /// </summary>
    /// <param name="text">The text, at least one byte.</param>
    /// <returns>The two words.</returns>
    public static (ulong First, ulong Last) Of(ReadOnlySpan<byte> text)
    {
        ref var start = ref MemoryMarshal.GetReference(text);
        var length = text.Length;
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
    /// <param name="first">The first word.</param>
    /// <param name="last">The last word.</param>
    /// <param name="length">The text's length.</param>
    /// <param name="shift">64 less the number of bits of a slot.</param>
    /// <returns>The slot.</returns>
    public static int Slot(ulong first, ulong last, int length, int shift)
        => (int)(((first ^ (last * 31) ^ (ulong)length) * 0x9E3779B97F4A7C15ul) >> shift);
}
