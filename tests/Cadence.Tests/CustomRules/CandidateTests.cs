using Cadence.CustomRules;
using Cadence.Explanations;
using Cadence.Tests.Support;
using NodaTime;
using NRules.Fluent.Dsl;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.CustomRules;

/// <summary>Candidates as custom NRules rules see them on persons: their account, their contact point, their person.</summary>
public sealed class CandidateTests
{
    private static readonly Instant Now = Local("America/New_York", 2026, 3, 9, 11);

    private static Person Person(params string[] tags) => new("p1")
    {
        TimeZoneIds = ["America/New_York"],
        Tags = [.. tags],
        ContactPoints =
        [
            new ContactPoint(Channel.Call) { Id = "w1", Kind = ContactPointKind.Work },
            new ContactPoint(Channel.Call) { Id = "m1", Kind = ContactPointKind.Mobile },
        ],
        Accounts = [new Account("a1") { DueDate = new LocalDate(2026, 3, 1) }, new Account("a2") { DueDate = new LocalDate(2026, 3, 1) }],
    };

    private static CadencePolicy Policy(Rule rule) => CadencePolicy.CreateBuilder("calls")
        .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 0, 30))
        .WithContactPointPreference(ContactPointKind.Work, ContactPointKind.Mobile)
        .AddCustomRule(rule)
        .Build();

    [Fact]
    public void ACustomRule_MatchingThePersonAndTheContactPoint_BlocksOnlyThatPoint()
    {
        var engine = new BothEvaluators(Policy(new NoWorkNumbersForVipsRule()));

        var vip = engine.Evaluate(Person("vip"), Now);
        var other = engine.Evaluate(Person(), Now);

        Assert.Equal("m1", vip.ContactPointId);
        Assert.All(vip.Explanation!.Candidates.Where(c => c.ContactPointId == "w1"), c => Assert.Contains(c.Reasons, r => r.RuleName == "no-work-numbers-for-vips"));
        Assert.Equal("w1", other.ContactPointId);
    }

    [Fact]
    public void ACustomRule_MatchingAnAccount_BlocksThatAccountsCandidatesOnly()
    {
        var engine = new BothEvaluators(Policy(new NotAboutA1Rule()));

        var d = engine.Evaluate(Person(), Now);

        Assert.Equal(["a2"], d.AccountIds);
        Assert.All(d.Explanation!.Candidates.Where(c => c.AccountId == "a1"), c => Assert.Equal(CandidateStatus.Blocked, c.Status));
    }

    [Fact]
    public void AProposalOfACustomRule_IsPairedWithEveryPointOfItsChannel()
    {
        var policy = CadencePolicy.CreateBuilder("calls")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "call", 20, 30))
            .AddCustomRule(new ProposeCallForVipRule())
            .Build();

        var d = new CadenceEngine(policy).Evaluate(Person("vip"), Now);

        Assert.Equal(DecisionKind.Contact, d.Kind);
        Assert.Equal("m1", d.ContactPointId); // the default preference: mobile before work
        Assert.Equal(["m1", "m1", "w1", "w1"], d.Explanation!.Candidates.Select(c => c.ContactPointId!).Order(StringComparer.Ordinal));
    }

    public sealed class NoWorkNumbersForVipsRule : Rule
    {
        public override void Define()
        {
            PersonFacts person = null!;
            Candidate candidate = null!;
            Name("no-work-numbers-for-vips");
            When()
                .Match(() => person, p => p.HasTag("vip"))
                .Match(() => candidate, c => c.ContactPoint != null && c.ContactPoint.Kind == ContactPointKind.Work);
            Then().Do(ctx => ctx.Insert(new CandidateBlock(candidate, "no-work-numbers-for-vips", ReasonCode.BlockedByCustomRule, null)));
        }
    }

    public sealed class NotAboutA1Rule : Rule
    {
        public override void Define()
        {
            Candidate candidate = null!;
            Name("not-about-a1");
            When().Match(() => candidate, c => c.AccountId == "a1");
            Then().Do(ctx => ctx.Insert(new CandidateBlock(candidate, "not-about-a1", ReasonCode.BlockedByCustomRule, null)));
        }
    }

    public sealed class ProposeCallForVipRule : Rule
    {
        public override void Define()
        {
            AccountFacts account = null!;
            Name("vip-call");
            When().Match(() => account, a => a.HasTag("vip"));
            Then().Do(ctx => ctx.Insert(account.Propose("call", "vip-call")));
        }
    }
}
