using Cadence.Evaluation.Choice;
using NodaTime;

namespace Cadence.Tests.Evaluation.Choice;

public sealed class SelectionTests
{
    private static readonly Instant Early = Instant.FromUtc(2026, 6, 15, 9, 0);
    private static readonly Instant Late = Instant.FromUtc(2026, 6, 15, 15, 0);

    private static CadenceStep Step(string id, int priority) => CadenceStep.Contact(id, Channel.Sms, "t", 0, 5) with { Priority = priority };

    [Fact]
    public void Ranks_PriorityThenEarliest_PrefersPriorityOverTime()
    {
        Assert.True(Selection.Ranks(SelectionOrder.PriorityThenEarliest, Step("a", 2), Late, Step("b", 1), Early));
        Assert.True(Selection.Ranks(SelectionOrder.PriorityThenEarliest, Step("a", 1), Early, Step("b", 1), Late));
    }

    [Fact]
    public void Ranks_EarliestThenPriority_PrefersTimeOverPriority()
    {
        Assert.True(Selection.Ranks(SelectionOrder.EarliestThenPriority, Step("a", 1), Early, Step("b", 2), Late));
        Assert.False(Selection.Ranks(SelectionOrder.EarliestThenPriority, Step("a", 1), Late, Step("b", 2), Early));
    }

    [Theory]
    [InlineData(SelectionOrder.PriorityThenEarliest)]
    [InlineData(SelectionOrder.EarliestThenPriority)]
    public void Ranks_AFullTie_KeepsTheEarlierDeclaredStep(SelectionOrder order)
        => Assert.False(Selection.Ranks(order, Step("later", 1), Early, Step("earlier", 1), Early));
}
