using System.Collections.Immutable;

namespace Cadence.Json;

/// <summary>The result of reading a policy file: the policy, or every problem found.</summary>
/// <param name="Policy">The validated policy; <see langword="null"/> when there were problems.</param>
/// <param name="Errors">Every problem, each with its JSON path and line, in file order.</param>
public sealed record PolicyReadResult(CadencePolicy? Policy, ImmutableArray<PolicyError> Errors)
{
    /// <summary>Whether the file was read without problems.</summary>
    public bool Success => Policy is not null;

    /// <summary>The policy, or an exception listing every problem.</summary>
    /// <param name="source">What was read, for the exception's message (e.g. the file name).</param>
    /// <returns>The policy.</returns>
    /// <exception cref="PolicyValidationException">There were problems.</exception>
    public CadencePolicy GetPolicyOrThrow(string source)
        => Policy ?? throw new PolicyValidationException(source, Errors);
}
