using Cadence.Explanations;
using Cadence.Jurisdictions;
using static Cadence.Tests.Jurisdictions.PackScenarios;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Jurisdictions;

/// <summary>
/// Every rule a jurisdiction pack makes carries its pack id, legal citation and mark ([V] read in the source, [U]
/// widely stated, [D] the pack's default), keeps them through <see cref="CadencePolicy.Compose"/>, and explanations
/// name them.
/// </summary>
public sealed class PackSourceTests
{
    public static TheoryData<string> PackIds => [.. JurisdictionPacks.Ids];

    [Theory]
    [MemberData(nameof(PackIds))]
    public void EveryRuleOfAPack_NamesThePackACitationAndAMark(string id)
    {
        var pack = JurisdictionPacks.Create(id, Russia2026);

        var sources = pack.Windows.Select(w => w.Source).Concat(pack.Caps.Select(c => c.Source)).Concat(pack.Cooldowns.Select(c => c.Source))
            .Concat(pack.HoldRules.Select(h => h.Source)).Concat(pack.ExhaustionRules.Select(e => e.Source)).ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, s =>
        {
            Assert.NotNull(s);
            Assert.Equal(id, s.PackId);
            Assert.False(string.IsNullOrWhiteSpace(s.Citation));
            Assert.Contains(s.Mark, new[] { "[V]", "[U]", "[D]" });
        });
    }

    [Fact]
    public void Compose_KeepsTheSources()
    {
        var pack = JurisdictionPacks.UsRegulationF();

        var composed = CadencePolicy.Compose("lender+reg-f", Lender(Calls), pack);

        Assert.Equal(pack.Caps.Select(c => c.Source), composed.Caps.Select(c => c.Source));
        Assert.Equal(pack.Windows.Select(w => w.Source), composed.Windows.Select(w => w.Source));
    }

    [Fact]
    public void AnExplanation_NamesThePackAndTheLawThatDeferredTheContact()
    {
        var engine = PackScenarios.Engine([JurisdictionPacks.UsRegulationF()], Calls);
        var now = Local("America/New_York", 2026, 6, 10, 22);

        var d = engine.Evaluate(Account("America/New_York"), now);

        var window = Assert.Single(Only(d).Reasons, r => r.Code == ReasonCode.OutsideContactWindow);
        var source = Assert.Single(window.Sources);
        Assert.Equal(new RuleSource(JurisdictionPacks.UsRegulationFId, "12 CFR 1006.6(b)(1)(i)", SourceConfidence.Verified), source);
        Assert.Equal("[V]", source.Mark);
    }

    [Fact]
    public void AnUnverifiedFigure_IsMarkedSo()
    {
        var pack = JurisdictionPacks.Russia230Fz(Russia2026);

        var refusal = Assert.Single(pack.HoldRules, h => h.Kind == RussianHoldKinds.RefusalOfInteraction);

        Assert.Equal("[U]", refusal.Source!.Mark);
    }

    [Fact]
    public void ALendersOwnRule_HasNoSource()
    {
        var lender = CadencePolicy.CreateBuilder("lender").AddStep(Calls).AddWindow("office-hours", DayKinds.All, TimeRange.Of(9, 0, 17, 0)).Build();

        var d = new Support.BothEvaluators(lender).Evaluate(Account("America/New_York"), Local("America/New_York", 2026, 6, 10, 20));

        Assert.All(Only(d).Reasons, r => Assert.Empty(r.Sources));
    }
}
