using Cadence.Json;
using Cadence.Jurisdictions;
using Cadence.Testing;
using FsCheck;
using FsCheck.Xunit;

namespace Cadence.Samples.PolicyTests;

/// <summary>
/// Proves the sample lender policy, <c>acme-us.policy.json</c>, keeps every guarantee, one line per guarantee. Each
/// property checks 100 generated accounts (borrowers in one or two zones near daylight-saving changes, histories
/// that fill the caps, holds, opted-out and workplace contact points) and re-verifies every decision with the
/// independent compliance checker. A failure prints the smallest account that breaks the guarantee, the decision
/// with its explanation and the rule it breaks.
/// </summary>
public sealed class AcmePolicyTests
{
    private static readonly CadencePolicy Acme = PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "acme-us.policy.json"));

    /// <summary>The policy, also checked against US Regulation F on its own: it composes the pack, so it must.</summary>
    private static readonly PolicyProperties Properties = PolicyProperties.For(Acme).AlsoComplyingWith(JurisdictionPacks.UsRegulationF());

    [Property]
    public Property Contacts_AreNeverOutsideAWindow() => Properties.NeverOutsideAWindow();

    [Property]
    public Property Contacts_NeverBreakACapOrCooldown() => Properties.NeverBreaksACapOrCooldown();

    [Property]
    public Property Contacts_NeverUseABlockedChannel() => Properties.NeverUsesABlockedChannel();

    [Property(MaxTest = 30)]
    public Property Decisions_AreDeterministic() => Properties.IsDeterministic();

    [Property(MaxTest = 30)]
    public Property EveryAccount_IsAnswered_BadOnesWithAnError() => Properties.AnswersEveryAccount();

    [Property]
    public Property FollowingTheDecisions_NeverBreaksARule() => Properties.NeverViolatesInAClosedLoop();

    /// <summary>The same guarantee as a plain fact: FsCheck runs 100 cases and throws with the counterexample on failure.</summary>
    [Fact]
    public void Contacts_AreNeverOutsideAWindow_AsAFact() => Properties.NeverOutsideAWindow().QuickCheckThrowOnFailure();
}
