namespace Cadence;

/// <summary>What a cap or cooldown counts over (<c>semantics.md</c>: scopes).</summary>
public enum RuleScope
{
    /// <summary>
    /// Every attempt with the person, whatever account it concerned and whatever point it used (230-FZ's calls with
    /// the debtor, China's 3 connected calls a day). The default: for a person of one account it is that account.
    /// </summary>
    Person = 0,

    /// <summary>
    /// The attempts that concerned the account (debt) a contact is about (Regulation F's 7 calls in 7 days per debt);
    /// a contact about several accounts counts for each of them and must be allowed for each.
    /// </summary>
    Account,

    /// <summary>The attempts made to one contact point (China's 6 unanswered attempts a day to one number).</summary>
    ContactPoint,
}
