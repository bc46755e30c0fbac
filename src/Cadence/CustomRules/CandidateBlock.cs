using Cadence.Explanations;
using NodaTime;

namespace Cadence.CustomRules;

/// <summary>A rule's verdict that a candidate may not be used. A fact of the rules session.</summary>
/// <param name="Candidate">The blocked candidate.</param>
/// <param name="RuleName">The rule that blocked it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Until">Until when the block holds, if known; <see langword="null"/> when open-ended.</param>
public sealed record CandidateBlock(Candidate Candidate, string RuleName, ReasonCode Reason, Instant? Until = null);
