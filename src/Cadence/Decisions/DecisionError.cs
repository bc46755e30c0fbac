using Cadence.Explanations;

namespace Cadence;

/// <summary>Why an account could not be evaluated. Made by the engine (or read back from a stored decision); immutable.</summary>
public sealed record DecisionError
{
    internal DecisionError(ReasonCode code, string message, string? ruleName = null)
    {
        Code = code;
        Message = message;
        RuleName = ruleName;
    }

    /// <summary>What kind of failure it was.</summary>
    public ReasonCode Code { get; }

    /// <summary>What is wrong and where, in plain words.</summary>
    public string Message { get; }

    /// <summary>The rule that failed, when a rule failed.</summary>
    public string? RuleName { get; }
}
