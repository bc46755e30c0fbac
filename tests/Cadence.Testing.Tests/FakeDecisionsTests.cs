using Cadence.Explanations;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class FakeDecisionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 12, 0);
    private static readonly CadenceStep Call = CadenceStep.Contact("call", Channel.Call, "call-template", 1, 30);
    private static readonly CadenceStep Agency = CadenceStep.Escalation("agency", "agency-placement", 90, 365);

    [Fact]
    public void Contact_ForAContactOrAnEscalationStep_IsTheDecisionAnEngineWouldGive()
    {
        var call = FakeDecisions.Contact("A-1", Call, Now, limitedContentVoicemail: true);
        var escalation = FakeDecisions.Contact("A-1", Agency, Now);

        Assert.Equal("A-1: Contact call via Call template 'call-template' not before 2026-06-15T12:00:00Z (limited-content voicemail only)", call.ToString());
        Assert.Equal(DecisionKind.Escalate, escalation.Kind);
    }

    [Fact]
    public void WaitSuppressedNoneAndError_CarryWhatTheyAreGiven()
    {
        Assert.Equal(Now, FakeDecisions.Wait("A", Now).ReviewAt);
        Assert.Equal((DecisionKind.Suppressed, HoldKind.Dispute, (Instant?)null), (FakeDecisions.Suppressed("A", HoldKind.Dispute, null).Kind, FakeDecisions.Suppressed("A", HoldKind.Dispute, null).SuppressedBy!.Value, FakeDecisions.Suppressed("A", HoldKind.Dispute, null).ReviewAt));
        Assert.Equal(DecisionKind.None, FakeDecisions.None("A").Kind);
        var error = FakeDecisions.Error("A", ReasonCode.RuleFailed, "rule 'x' failed", "x");
        Assert.Equal((ReasonCode.RuleFailed, "rule 'x' failed", "x"), (error.Error!.Code, error.Error.Message, error.Error.RuleName));
    }

    [Fact]
    public void Explanation_MadeHere_ReadsAsTheEnginesDo()
    {
        var explanation = FakeDecisions.Explanation(
            [FakeDecisions.Candidate(Call, CandidateStatus.Chosen, Now, FakeDecisions.Reason("selection", ReasonCode.Chosen, Now))],
            []);

        var decision = FakeDecisions.Contact("A-1", Call, Now, explanation);

        Assert.Equal("  * call [Call] Chosen not before 2026-06-15T12:00:00Z\n      Chosen by selection at 2026-06-15T12:00:00Z\n", decision.Explanation!.ToDisplayString().ReplaceLineEndings("\n"));
        Assert.Equal("step:call", Assert.Single(decision.Explanation.Candidates).ProposedBy);
    }
}
