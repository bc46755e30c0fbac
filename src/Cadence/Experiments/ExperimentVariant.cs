namespace Cadence.Experiments;

/// <summary>A variant of an <see cref="Experiment"/>: a named policy and its share of the accounts.</summary>
/// <param name="Name">The variant's name, recorded on every decision it makes (e.g. <c>champion</c>).</param>
/// <param name="Policy">The policy the variant's accounts are evaluated with.</param>
/// <param name="Weight">The variant's share, relative to the other variants' weights; at least 1.</param>
public sealed record ExperimentVariant(string Name, CadencePolicy Policy, int Weight = 1);
