using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>
/// What the blocks of an account's candidates add up to, for the decision made when no candidate is placed: whether
/// holds block every candidate (and which, until when), and the earliest instant a block lapses.
/// </summary>
internal struct BlockSummary
{
    // The candidate being fed.
    private bool held;
    private Instant? heldUntil;
    private bool heldForever;
    private string? firstHoldRule;
    private HoldKind firstHoldKind;

    /// <summary>How many candidates were fed.</summary>
    public int Candidates { get; private set; }

    /// <summary>Whether every candidate fed so far was blocked by a hold.</summary>
    public bool AllHeld { get; private set; }

    /// <summary>The hold rule of the first held candidate (the first by name among its holds).</summary>
    public string? SuppressingRule { get; private set; }

    /// <summary>The kind of hold of <see cref="SuppressingRule"/>.</summary>
    public HoldKind SuppressingKind { get; private set; }

    /// <summary>When the first held candidate is free; <see langword="null"/> with <see cref="SuppressedForever"/>.</summary>
    public Instant? SuppressedUntil { get; private set; }

    /// <summary>Whether no held candidate is ever freed by its holds lapsing.</summary>
    public bool SuppressedForever { get; private set; }

    /// <summary>The earliest instant after now a block lapses, and its rule.</summary>
    public Instant? ReviewFromBlocks { get; private set; }

    public string? ReviewFromBlocksRule { get; private set; }

    private int reviewFromBlocksCandidate;

    public void Reset()
    {
        this = default;
        AllHeld = true;
        SuppressedForever = true;
    }

    public void BeginCandidate()
    {
        held = false;
        heldUntil = null;
        heldForever = false;
        firstHoldRule = null;
        Candidates++;
    }

    /// <summary>Notes a block of the current candidate; <paramref name="holdKind"/> is the kind of hold of a hold block.</summary>
    public void Block(Instant now, string ruleName, ReasonCode reason, Instant? until, HoldKind holdKind)
    {
        // The earliest lapse; on a tie the first candidate's, and within it the rule first by name.
        if (until is { } u && u > now
            && (ReviewFromBlocks is null || u < ReviewFromBlocks
                || (u == ReviewFromBlocks && reviewFromBlocksCandidate == Candidates && string.CompareOrdinal(ruleName, ReviewFromBlocksRule) < 0)))
        {
            ReviewFromBlocks = u;
            ReviewFromBlocksRule = ruleName;
            reviewFromBlocksCandidate = Candidates;
        }

        if (reason != ReasonCode.HoldActive)
        {
            return;
        }

        if (firstHoldRule is null || string.CompareOrdinal(ruleName, firstHoldRule) < 0)
        {
            firstHoldRule = ruleName;
            firstHoldKind = holdKind;
        }

        held = true;
        if (until is null)
        {
            heldForever = true;
        }
        else if (heldUntil is null || until > heldUntil)
        {
            heldUntil = until;
        }
    }

    /// <summary>Ends a blocked candidate.</summary>
    public void Blocked()
    {
        if (!held)
        {
            AllHeld = false;
            return;
        }

        if (SuppressingRule is null)
        {
            SuppressingRule = firstHoldRule;
            SuppressingKind = firstHoldKind;
        }

        // A candidate is free once every hold on it lapses; the account once any candidate is free.
        if (!heldForever)
        {
            SuppressedForever = false;
            if (SuppressedUntil is null || heldUntil < SuppressedUntil)
            {
                SuppressedUntil = heldUntil;
            }
        }
    }

    /// <summary>Ends a candidate no hold blocked.</summary>
    public void Free() => AllHeld = false;
}
