namespace Cadence;

/// <summary>One problem found in a policy: where it is and what is wrong.</summary>
/// <param name="Path">Where, e.g. <c>steps[3]</c> or <c>caps[0] ('reg-f').limit</c>; for a file, its JSON path.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record PolicyError(string Path, string Message)
{
    /// <summary>For a policy read from a file: the 1-based line of the value the problem is about.</summary>
    public int? Line { get; init; }

    /// <summary>For a policy read from a file: the 1-based column of that value.</summary>
    public int? Column { get; init; }

    /// <inheritdoc />
    public override string ToString() => Line is { } line
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line}, {Path}: {Message}")
        : $"{Path}: {Message}";
}

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
