
namespace Cadence.Simulation;

/// <summary>What kind of rule a contact broke.</summary>
public enum ViolationKind
{
    /// <summary>A contact window was closed in one of the borrower's zones.</summary>
    Window = 0,

    /// <summary>A frequency cap was exceeded.</summary>
    Cap,

    /// <summary>A cooldown after an earlier contact was still running.</summary>
    Cooldown,

    /// <summary>A hold (dispute, promise to pay, cease communication…) blocked the contact.</summary>
    Hold,

    /// <summary>The channel was blocked by its contact point: missing, opted out, no consent, or a workplace address.</summary>
    ContactPoint,

    /// <summary>The channel was exhausted by consecutive failures.</summary>
    Exhaustion,

    /// <summary>The step was used outside its days, beyond its attempts, or before its repeat interval.</summary>
    Step,
}
