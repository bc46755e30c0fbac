using System.Collections.Immutable;

namespace Cadence.CustomRules;

/// <summary>Two lists of holds read as one (a person's, then an account's), enumerated without allocating.</summary>
internal readonly struct HoldList(ImmutableArray<Hold> first, ImmutableArray<Hold> second)
{
    public Enumerator GetEnumerator() => new(first, second);

    /// <summary>The enumerator: the first list, then the second.</summary>
    public struct Enumerator(ImmutableArray<Hold> first, ImmutableArray<Hold> second)
    {
        private int index = -1;

        public readonly Hold Current => index < first.Length ? first[index] : second[index - first.Length];

        public bool MoveNext() => ++index < first.Length + second.Length;
    }
}
