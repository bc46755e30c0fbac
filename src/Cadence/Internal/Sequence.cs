using System.Collections.Immutable;

namespace Cadence.Internal;

/// <summary>Element-wise equality and hashing for the immutable arrays that records hold.</summary>
internal static class Sequence
{
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
        => a.IsDefaultOrEmpty ? b.IsDefaultOrEmpty : !b.IsDefault && a.AsSpan().SequenceEqual(b.AsSpan());

    public static int Hash<T>(ImmutableArray<T> items)
    {
        var hash = default(HashCode);
        foreach (var item in items.IsDefault ? [] : items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
