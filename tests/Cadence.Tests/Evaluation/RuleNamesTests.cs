using Cadence.Evaluation;

namespace Cadence.Tests.Evaluation;

public sealed class RuleNamesTests
{
    [Fact]
    public void Names_FollowTheDocumentedGrammar()
    {
        var policy = CadencePolicy.CreateBuilder("p").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 0, 5))
            .AddCap("daily", 1, CapPeriod.CalendarDay, AttemptFilter.Outbound(Channel.Sms))
            .AddCooldown("quiet", AttemptFilter.AnyDirection(Channel.Call), CooldownLength.CalendarDays(2), Channel.Call)
            .AddExhaustion("three", 3, Channel.Sms)
            .AddHoldRule(new HoldRule("dispute-stop", HoldKind.Dispute) { BlocksAllSteps = true })
            .Build();

        var names = new RuleNames(policy);

        Assert.Equal(["step:sms"], names.Steps);
        Assert.Equal(["cap:daily"], names.Caps);
        Assert.Equal(["cooldown:quiet"], names.Cooldowns);
        Assert.Equal(["exhaustion:three"], names.Exhaustion);
        Assert.Equal(["hold:dispute-stop"], names.HoldRules);
        Assert.Equal(0, names.HoldRuleIndex("hold:dispute-stop"));
        Assert.Equal(-1, names.HoldRuleIndex("hold-kind:dispute"));
        Assert.Equal("hold-kind:dispute", RuleNames.HoldKind(HoldKind.Dispute));
        Assert.Equal("guard:consent:Sms", RuleNames.Consent(Channel.Sms));
        Assert.Equal("guard:workplace:Email", RuleNames.Workplace(Channel.Email));
        Assert.Equal("selection:sms", RuleNames.OutrankedBy("sms"));
        Assert.Equal("window:a+b (Europe/Moscow)", RuleNames.Window(["a", "b"], "Europe/Moscow"));
        Assert.Equal("window (UTC)", RuleNames.Window([], "UTC"));
    }
}
