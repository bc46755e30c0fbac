using System.Globalization;
using Cadence.Explanations;

namespace Cadence.Evaluation.Evaluators;

/// <summary>The error decisions of an account whose evaluation failed: written once, so that both evaluators fail alike.</summary>
internal static class EvaluationFailure
{
    /// <summary>An invalid account (its state, or derived facts that cannot be computed).</summary>
    public static Decision InvalidAccount(string accountId, string message)
        => Decision.Failed(accountId, ReasonCode.InvalidAccount, message);

    /// <summary>A null account, alone (<paramref name="index"/> null) or at a position of a batch.</summary>
    public static Decision NullAccount(int? index = null)
        => index is { } i
            ? InvalidAccount(string.Create(CultureInfo.InvariantCulture, $"accounts[{i}]"), string.Create(CultureInfo.InvariantCulture, $"accounts[{i}] is null"))
            : InvalidAccount(string.Empty, "the account is null");

    /// <summary>A rule failed: its condition (rule unknown when <paramref name="ruleName"/> is null) or its action.</summary>
    public static Decision RuleFailed(CustomRules.PersonFacts person, string? ruleName, string cause)
        => new(DecisionKind.Error, person.PersonId, null, null, null, null, new DecisionError(ReasonCode.RuleFailed, $"{Who(person)}: {(ruleName is null ? "a rule condition failed" : $"rule '{ruleName}' failed")}: {cause}", ruleName), null) { AboutPerson = person.Single is null };

    /// <summary>Evaluating failed outside any rule.</summary>
    public static Decision Failed(CustomRules.PersonFacts person, string cause)
        => new(DecisionKind.Error, person.PersonId, null, null, null, null, new DecisionError(ReasonCode.EvaluationFailed, $"{Who(person)}: evaluation failed: {cause}"), null) { AboutPerson = person.Single is null };

    /// <summary>How errors name what was evaluated: <c>account 'a-1'</c> for a single account, <c>person 'p-1'</c> for a person.</summary>
    private static string Who(CustomRules.PersonFacts person) => person.Single is not null ? $"account '{person.PersonId}'" : $"person '{person.PersonId}'";
}
