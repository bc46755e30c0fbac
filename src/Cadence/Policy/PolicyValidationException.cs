namespace Cadence;

/// <summary>Thrown when a policy is built or loaded with problems; lists every problem found, not only the first.</summary>
public sealed class PolicyValidationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="policyName">The policy's name.</param>
    /// <param name="errors">The problems found.</param>
    public PolicyValidationException(string policyName, IReadOnlyList<PolicyError> errors)
        : base(FormatMessage(policyName, errors))
    {
        PolicyName = policyName;
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public PolicyValidationException()
        : this("(unnamed)", [])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public PolicyValidationException(string message)
        : base(message)
    {
        PolicyName = "(unnamed)";
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PolicyValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        PolicyName = "(unnamed)";
        Errors = [];
    }

    /// <summary>The policy's name.</summary>
    public string PolicyName { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<PolicyError> Errors { get; }

    private static string FormatMessage(string policyName, IReadOnlyList<PolicyError> errors)
        => $"Policy '{policyName}' is invalid ({errors.Count} problem{(errors.Count == 1 ? string.Empty : "s")}):"
           + string.Concat(errors.Select(e => $"{Environment.NewLine}  - {e}"));
}
