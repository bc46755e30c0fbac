using System.Collections.Immutable;

namespace Cadence.Tests.Support;

/// <summary>One generated policy and <see cref="Size"/> persons of it, each with its own instant.</summary>
public sealed record PersonBatch(CadencePolicy Policy, ImmutableArray<PersonScenario> Persons)
{
    public const int Size = 10;

    public override string ToString() => string.Join(Environment.NewLine, Persons.Select(p => p.ToString()));
}
