namespace Cadence.Tests.Policy;

public sealed class HoldRuleTests
{
    private static readonly CadenceStep Letter = CadenceStep.Contact("validation-letter", Channel.Letter, "t", 0, 30);
    private static readonly CadenceStep Call = CadenceStep.Contact("call", Channel.Call, "t", 0, 30);
    private static readonly CadenceStep Agency = CadenceStep.Escalation("agency", "agency-placement", 90, 365);

    [Fact]
    public void Blocks_AllStepsWithAnException_SparesOnlyTheException()
    {
        var rule = new HoldRule("dispute", HoldKind.Dispute) { BlocksAllSteps = true, ExceptSteps = ["validation-letter"] };

        Assert.False(rule.Blocks(Letter));
        Assert.True(rule.Blocks(Call));
        Assert.True(rule.Blocks(Agency));
    }

    [Fact]
    public void Blocks_ChannelsAndSteps_BlocksThoseOnly()
    {
        var rule = new HoldRule("promise", HoldKind.PromiseToPay) { BlockedChannels = [Channel.Call], BlockedSteps = ["agency"] };

        Assert.True(rule.Blocks(Call));
        Assert.True(rule.Blocks(Agency));
        Assert.False(rule.Blocks(Letter));
    }
}
