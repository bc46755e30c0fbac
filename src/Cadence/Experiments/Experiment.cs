using System.Collections.Immutable;
using System.IO.Hashing;
using System.Text;
using Cadence.Internal;

namespace Cadence.Experiments;

/// <summary>
/// A champion/challenger experiment: named policy variants with weights. Every account is assigned to one variant by a
/// stable hash (XxHash3) of the experiment's name and the account's id, so that the assignment is the same on every
/// machine, in every process and on every run, whatever the order or the partitioning of the portfolio.
/// </summary>
/// <remarks>
/// Immutable. Changing a weight, adding a variant or renaming the experiment reassigns accounts; keeping them fixed
/// keeps every account in its variant for the life of the experiment.
/// </remarks>
public sealed class Experiment
{
    private readonly int[] cumulativeWeights;

    /// <summary>Creates an experiment.</summary>
    /// <param name="name">The experiment's name; part of the assignment hash.</param>
    /// <param name="variants">The variants, the champion first.</param>
    /// <exception cref="ArgumentException">The name is blank, there is no variant, two variants share a name, or a weight is below 1.</exception>
    public Experiment(string name, IEnumerable<ExperimentVariant> variants)
    {
        Name = Guard.NotNullOrWhiteSpace(name);
        Variants = [.. Guard.NotNull(variants)];
        var problems = new List<string>();
        if (Variants.IsEmpty)
        {
            problems.Add("it has no variant");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Variants.Length; i++)
        {
            var variant = Variants[i];
            if (variant is null)
            {
                problems.Add($"variants[{i}] is null");
                continue;
            }

            if (string.IsNullOrWhiteSpace(variant.Name))
            {
                problems.Add($"variants[{i}] has no name");
            }
            else if (!seen.Add(variant.Name))
            {
                problems.Add($"variants[{i}]: the name '{variant.Name}' is used twice");
            }

            if (variant.Policy is null)
            {
                problems.Add($"variants[{i}] ('{variant.Name}') has no policy");
            }

            if (variant.Weight < 1)
            {
                problems.Add($"variants[{i}] ('{variant.Name}'): weight {variant.Weight} is below 1");
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"Experiment '{name}' is invalid: {string.Join("; ", problems)}.", nameof(variants));
        }

        cumulativeWeights = new int[Variants.Length];
        var total = 0L;
        for (var i = 0; i < Variants.Length; i++)
        {
            total += Variants[i].Weight;
            if (total > int.MaxValue)
            {
                throw new ArgumentException($"Experiment '{name}' is invalid: the weights add up to more than {int.MaxValue}.", nameof(variants));
            }

            cumulativeWeights[i] = (int)total;
        }
    }

    /// <summary>The experiment's name.</summary>
    public string Name { get; }

    /// <summary>The variants, the champion first.</summary>
    public ImmutableArray<ExperimentVariant> Variants { get; }

    /// <summary>The first variant.</summary>
    public ExperimentVariant Champion => Variants[0];

    /// <summary>The sum of the variants' weights.</summary>
    public int TotalWeight => cumulativeWeights[^1];

    /// <summary>The variant an account belongs to.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns>The variant; the same for the same experiment name, weights and account id, everywhere.</returns>
    public ExperimentVariant Assign(string accountId) => Variants[IndexOf(accountId)];

    /// <summary>The position in <see cref="Variants"/> of the variant an account belongs to.</summary>
    /// <param name="accountId">The account's id.</param>
    /// <returns>The index.</returns>
    public int IndexOf(string accountId)
    {
        var bucket = (int)(Bucket(Name, Guard.NotNull(accountId)) % (ulong)TotalWeight);
        for (var i = 0; i < cumulativeWeights.Length; i++)
        {
            if (bucket < cumulativeWeights[i])
            {
                return i;
            }
        }

        return cumulativeWeights.Length - 1;
    }

    /// <summary>The variant with a name.</summary>
    /// <param name="name">The variant's name.</param>
    /// <returns>The variant.</returns>
    /// <exception cref="KeyNotFoundException">No variant has that name.</exception>
    public ExperimentVariant this[string name]
        => Variants.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal))
           ?? throw new KeyNotFoundException($"Experiment '{Name}' has no variant '{name}'.");

    /// <inheritdoc />
    public override string ToString() => $"experiment '{Name}': {string.Join(", ", Variants.Select(v => $"{v.Name} ({v.Weight}/{TotalWeight}, policy '{v.Policy.Name}')"))}";

    /// <summary>The 64-bit XxHash3 of the UTF-8 bytes of the experiment name, a zero byte and the account id.</summary>
    private static ulong Bucket(string experiment, string accountId)
    {
        var length = Encoding.UTF8.GetByteCount(experiment) + 1 + Encoding.UTF8.GetByteCount(accountId);
        var buffer = length <= 512 ? stackalloc byte[length] : new byte[length];
        var written = Encoding.UTF8.GetBytes(experiment, buffer);
        buffer[written++] = 0;
        Encoding.UTF8.GetBytes(accountId, buffer[written..]);
        return XxHash3.HashToUInt64(buffer);
    }
}
