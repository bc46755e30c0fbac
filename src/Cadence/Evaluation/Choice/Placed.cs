using Cadence.CustomRules;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Evaluation.Choice;

/// <summary>A candidate placed in time: about an account, a step on a contact point, allowed from <see cref="NotBefore"/>.</summary>
internal readonly record struct Placed(AccountFacts Account, int Step, ContactPoint? Point, string ProposedBy, Instant? WindowEnd, Instant NotBefore, List<ExplanationReason>? Trace);
