namespace Cadence.Explanations;

/// <summary>Why a candidate was blocked, deferred or dropped, or why a decision was made.</summary>
public enum ReasonCode
{
    /// <summary>The candidate was chosen.</summary>
    Chosen = 0,

    /// <summary>Another allowed candidate ranked higher.</summary>
    Outranked,

    /// <summary>The borrower has no contact point on the channel.</summary>
    NoContactPoint,

    /// <summary>The borrower opted out of the contact point.</summary>
    OptedOut,

    /// <summary>The policy requires consent the borrower has not given.</summary>
    ConsentMissing,

    /// <summary>The contact point is the borrower's workplace and the policy forbids the channel there.</summary>
    WorkplaceRestricted,

    /// <summary>Too many consecutive failures on the contact point.</summary>
    ChannelExhausted,

    /// <summary>A hold in effect blocks the step.</summary>
    HoldActive,

    /// <summary>A custom rule blocked the candidate.</summary>
    BlockedByCustomRule,

    /// <summary>Deferred until the contact window opens in every zone of the borrower.</summary>
    OutsideContactWindow,

    /// <summary>Deferred until a frequency cap frees up.</summary>
    CapReached,

    /// <summary>Deferred until a cooldown ends.</summary>
    Cooldown,

    /// <summary>Deferred until the step's repeat interval has passed.</summary>
    RepeatInterval,

    /// <summary>Deferred past a hold that starts later.</summary>
    HoldUpcoming,

    /// <summary>Dropped: no allowed instant before the step's day window ends.</summary>
    StepWindowEnded,

    /// <summary>Dropped: no allowed instant within the policy's horizon.</summary>
    BeyondHorizon,

    /// <summary>No step is due today.</summary>
    NoStepDue,

    /// <summary>Nothing is owed on the account.</summary>
    NothingOwed,

    /// <summary>The account's state is invalid.</summary>
    InvalidAccount,

    /// <summary>A rule failed while evaluating the account.</summary>
    RuleFailed,

    /// <summary>Evaluating the account failed outside any rule.</summary>
    EvaluationFailed,

    /// <summary>The step has been served its maximum number of times in this cycle (a custom rule proposed it again).</summary>
    MaxAttemptsReached,
}
