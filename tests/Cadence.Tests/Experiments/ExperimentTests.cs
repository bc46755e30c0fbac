using Cadence.Experiments;
using Cadence.Tests.Support;

namespace Cadence.Tests.Experiments;

public sealed class ExperimentTests
{
    private static readonly CadencePolicy Champion = Policies.Single(CadenceStep.Contact("sms", Channel.Sms, "sms", -5, 30));
    private static readonly CadencePolicy Challenger = Policies.Single(CadenceStep.Contact("email", Channel.Email, "email", -5, 30));

    private static Experiment ThreeToOne(string name = "cadence-2026") => new(name, [new ExperimentVariant("champion", Champion, 3), new ExperimentVariant("challenger", Challenger, 1)]);

    [Fact]
    public void Assign_IsPinnedByTheHashOfTheExperimentNameAndAccountId_TheSameOnEveryMachine()
    {
        var experiment = ThreeToOne();

        // XxHash3 of the UTF-8 bytes "cadence-2026\0<id>", modulo the total weight 4: pinned so that a change of hash,
        // encoding or bucketing, which would move accounts between variants, fails here.
        Assert.Equal(
            "champion champion champion champion champion champion challenger challenger champion champion champion champion",
            string.Join(" ", Enumerable.Range(0, 12).Select(i => experiment.Assign($"ACC-{i:D7}").Name)));
    }

    [Fact]
    public void Assign_SplitsAPortfolioByTheWeights()
    {
        var experiment = ThreeToOne();

        var champions = Enumerable.Range(0, 20_000).Count(i => experiment.Assign("ACC-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Name == "champion");

        Assert.InRange(champions / 20_000.0, 0.74, 0.76);
    }

    [Fact]
    public void Assign_AnotherExperimentName_ShufflesTheAccountsIndependently()
    {
        var ids = Enumerable.Range(0, 2_000).Select(i => "ACC-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var same = ids.Count(id => ThreeToOne("a").Assign(id).Name == ThreeToOne("b").Assign(id).Name);

        // Independent 3:1 splits agree on 0.75² + 0.25² = 62.5 % of accounts.
        Assert.InRange(same / 2_000.0, 0.58, 0.67);
    }

    [Fact]
    public void Constructor_ReportsEveryProblemTogether()
    {
        var error = Assert.Throws<ArgumentException>(() => new Experiment("x", [new ExperimentVariant("a", Champion, 0), new ExperimentVariant("a", Challenger), new ExperimentVariant(" ", Challenger)]));

        Assert.Contains("weight 0 is below 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("the name 'a' is used twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("variants[2] has no name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithoutVariants_IsRefused()
        => Assert.Contains("no variant", Assert.Throws<ArgumentException>(() => new Experiment("x", [])).Message, StringComparison.Ordinal);

    [Fact]
    public void Indexer_AnUnknownVariant_NamesIt()
        => Assert.Contains("'nope'", Assert.Throws<KeyNotFoundException>(() => ThreeToOne()["nope"]).Message, StringComparison.Ordinal);
}
