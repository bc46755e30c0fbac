using System.Collections.Immutable;
using Cadence.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Cadence.Tests.Support;

/// <summary>One generated policy and <see cref="Size"/> persons of it, each with its own instant.</summary>
public sealed record PersonBatch(CadencePolicy Policy, ImmutableArray<PersonScenario> Persons)
{
    public const int Size = 10;

    public override string ToString() => string.Join(Environment.NewLine, Persons.Select(p => p.ToString()));
}

/// <summary>
/// The generated persons of <see cref="CadenceArbitraries.PersonScenarios"/>, and batches of ten persons of one
/// generated policy (<see cref="CadenceArbitraries.PersonPolicies"/>): many persons per compiled engine.
/// </summary>
public static class PersonArbitraries
{
    public static Arbitrary<PersonScenario> PersonScenarios() => CadenceArbitraries.PersonScenarios();

    public static Arbitrary<PersonBatch> PersonBatches() => Arb.From(
        from policy in CadenceArbitraries.PersonPolicies()
        from scenarios in CadenceArbitraries.PersonScenariosFor(policy).ArrayOf(PersonBatch.Size)
        select new PersonBatch(policy, [.. scenarios]));
}
