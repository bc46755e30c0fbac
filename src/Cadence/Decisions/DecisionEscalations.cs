using System.Collections;
using System.Runtime.CompilerServices;
using NodaTime;

namespace Cadence;

/// <summary>
/// The escalations a person's decision lists beside its action (<see cref="Decision.Escalations"/>), ordered by account
/// id: a read-only list of values. Up to two escalations of the plain form the engine makes (a step, the one account it
/// is about and its not-before instant) are kept inside the value itself, so a decision that lists them allocates
/// nothing; any other list is kept in an array. Enumerating it, counting it and reading an element allocate nothing.
/// </summary>
/// <remarks>
/// Two lists are equal when they hold equal decisions in the same order, however each is stored. The default value is
/// the empty list.
/// </remarks>
[CollectionBuilder(typeof(DecisionEscalations), nameof(Create))]
public readonly struct DecisionEscalations : IReadOnlyList<Decision>, IEquatable<DecisionEscalations>
{
    private const int InlineCapacity = 2;

    private readonly Decision[]? array;
    private readonly string? personId;
    private readonly Inline first;
    private readonly Inline second;
    private readonly int count;

    private DecisionEscalations(Decision[] array)
    {
        this.array = array;
        count = array.Length;
    }

    private DecisionEscalations(string personId, Inline first, Inline second, int count)
    {
        this.personId = personId;
        this.first = first;
        this.second = second;
        this.count = count;
    }

    /// <summary>The empty list.</summary>
    public static DecisionEscalations Empty => default;

    /// <summary>How many escalations are listed.</summary>
    public int Count => count;

    /// <summary>Whether none is listed.</summary>
    public bool IsEmpty => count == 0;

    /// <summary>The escalation at <paramref name="index"/>.</summary>
    /// <param name="index">Its position, from 0.</param>
    /// <returns>The escalation, a decision of kind <see cref="DecisionKind.Escalate"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is negative or not less than <see cref="Count"/>.</exception>
    public Decision this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            return array is not null ? array[index] : (index == 0 ? first : second).ToDecision(personId!);
        }
    }

    /// <summary>Whether two lists hold equal decisions in the same order.</summary>
    /// <param name="left">A list.</param>
    /// <param name="right">Another.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(DecisionEscalations left, DecisionEscalations right) => left.Equals(right);

    /// <summary>Whether two lists differ.</summary>
    /// <param name="left">A list.</param>
    /// <param name="right">Another.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(DecisionEscalations left, DecisionEscalations right) => !left.Equals(right);

    /// <summary>A list of the given escalations, in their order (what a collection expression of decisions makes).</summary>
    /// <param name="escalations">The escalations.</param>
    /// <returns>The list.</returns>
    public static DecisionEscalations Create(ReadOnlySpan<Decision> escalations)
    {
        if (escalations.IsEmpty)
        {
            return default;
        }

        if (escalations.Length <= InlineCapacity && Inline.TryFrom(escalations[0], out var a))
        {
            var b = default(Inline);
            if (escalations.Length == 1 || (escalations[1].AccountId == escalations[0].AccountId && Inline.TryFrom(escalations[1], out b)))
            {
                return new DecisionEscalations(escalations[0].AccountId, a, b, escalations.Length);
            }
        }

        return new DecisionEscalations(escalations.ToArray());
    }

    /// <summary>Returns an enumerator over the escalations that allocates nothing.</summary>
    /// <returns>The enumerator.</returns>
    public Enumerator GetEnumerator() => new(this);

    /// <inheritdoc />
    IEnumerator<Decision> IEnumerable<Decision>.GetEnumerator()
    {
        for (var i = 0; i < count; i++)
        {
            yield return this[i];
        }
    }

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<Decision>)this).GetEnumerator();

    /// <summary>Whether <paramref name="other"/> holds equal decisions in the same order.</summary>
    /// <param name="other">Another list.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public bool Equals(DecisionEscalations other)
    {
        if (count != other.count)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!this[i].Equals(other[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DecisionEscalations other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var e in this)
        {
            hash.Add(e);
        }

        return hash.ToHashCode();
    }

    /// <summary>The escalations, separated by "; ".</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", (IEnumerable<Decision>)this);

    /// <summary>
    /// The escalations of a person's decision, as the engine lists them (each a step, one account and its instant):
    /// kept inside the value up to two, without allocating.
    /// </summary>
    internal static DecisionEscalations Of(string personId, ReadOnlySpan<(CadenceStep Step, string AccountId, Instant NotBefore)> escalations)
    {
        if (escalations.Length <= InlineCapacity)
        {
            var a = escalations.Length > 0 ? new Inline(escalations[0].Step, escalations[0].AccountId, escalations[0].NotBefore) : default;
            var b = escalations.Length > 1 ? new Inline(escalations[1].Step, escalations[1].AccountId, escalations[1].NotBefore) : default;
            return escalations.IsEmpty ? default : new DecisionEscalations(personId, a, b, escalations.Length);
        }

        var all = new Decision[escalations.Length];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new Inline(escalations[i].Step, escalations[i].AccountId, escalations[i].NotBefore).ToDecision(personId);
        }

        return new DecisionEscalations(all);
    }

    /// <summary>Enumerates the escalations without allocating.</summary>
    public struct Enumerator
    {
        private readonly DecisionEscalations list;
        private int index;

        internal Enumerator(DecisionEscalations list)
        {
            this.list = list;
            index = -1;
        }

        /// <summary>The escalation at the enumerator's position.</summary>
        public readonly Decision Current => list[index];

        /// <summary>Moves to the next escalation.</summary>
        /// <returns><see langword="false"/> after the last.</returns>
        public bool MoveNext() => ++index < list.count;
    }

    /// <summary>An escalation of the plain form kept inline: its step, the account it is about, and when.</summary>
    private readonly record struct Inline(CadenceStep Step, string AccountId, Instant NotBefore)
    {
        /// <summary>The inline form of <paramref name="decision"/>, when rebuilding it from that form gives it back exactly.</summary>
        public static bool TryFrom(in Decision decision, out Inline inline)
        {
            inline = default;
            if (decision.Kind != DecisionKind.Escalate || decision.Step is not { } step || decision.NotBefore is not { } at
                || decision.SoleAccountId is not { } account || decision.AccountId is null || !decision.AboutPerson)
            {
                return false;
            }

            inline = new Inline(step, account, at);
            return inline.ToDecision(decision.AccountId).Equals(decision);
        }

        public Decision ToDecision(string personId)
            => new(DecisionKind.Escalate, personId, Step, NotBefore, null, null, null, null) { SoleAccountId = AccountId, AboutPerson = true };
    }
}
