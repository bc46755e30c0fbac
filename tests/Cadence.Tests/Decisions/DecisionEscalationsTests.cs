using NodaTime;

namespace Cadence.Tests.Decisions;

public sealed class DecisionEscalationsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 12, 0);

    /// <summary>A person's decision: a call about a1, and the agency escalations due on a2 and a3 listed beside it.</summary>
    private static Decision CallWithTwoEscalations()
    {
        var policy = CadencePolicy.CreateBuilder("call-and-agency")
            .AddStep(CadenceStep.Contact("call", Channel.Call, "overdue-call", 1, 120))
            .AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365) with { Priority = 10 })
            .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 22, 0))
            .Build();
        var due = new LocalDate(2026, 3, 1);
        var person = new Person("p-1")
        {
            TimeZoneIds = ["UTC"],
            ContactPoints = [new ContactPoint(Channel.Call) { Id = "m1" }],
            Accounts =
            [
                new Account("a3") { DueDate = due.PlusDays(-120), AmountDue = new Money(40m, "USD") },
                new Account("a1") { DueDate = due, AmountDue = new Money(120m, "USD") },
                new Account("a2") { DueDate = due.PlusDays(-100), AmountDue = new Money(80m, "USD") },
            ],
        };
        return new CadenceEngine(policy).Evaluate(person, Now);
    }

    [Fact]
    public void TheDefault_IsTheEmptyList()
    {
        var none = default(DecisionEscalations);

        Assert.True(none.IsEmpty);
        Assert.True(none.Count == 0);
        Assert.Empty(none);
        Assert.Equal(DecisionEscalations.Empty, none);
        Assert.Equal(DecisionEscalations.Empty, []);
        Assert.Equal(string.Empty, none.ToString());
    }

    [Fact]
    public void TheEngine_ListsEscalationsByAccountId_AsDecisionsAboutOneAccountEach()
    {
        var d = CallWithTwoEscalations();

        Assert.Equal(["a1"], d.AccountIds);
        Assert.Equal(2, d.Escalations.Count);
        Assert.Equal(["a2", "a3"], d.Escalations.Select(e => e.AccountIds.Single()));
        Assert.All(d.Escalations, e => Assert.Equal((DecisionKind.Escalate, "agency", "p-1", Now), (e.Kind, e.Step!.Id, e.PersonId, e.NotBefore!.Value)));
    }

    [Fact]
    public void AListMadeFromTheSameDecisions_IsEqual_HowEverEachIsStored()
    {
        var listed = CallWithTwoEscalations().Escalations;

        DecisionEscalations copied = [listed[0], listed[1]];
        var viaEnumerable = DecisionEscalations.Create([.. (IEnumerable<Decision>)listed]);

        Assert.Equal(listed, copied);
        Assert.True(listed == viaEnumerable);
        Assert.Equal(listed.GetHashCode(), copied.GetHashCode());
        Assert.Equal(listed.ToString(), copied.ToString());
    }

    [Fact]
    public void MoreThanTwo_OrDecisionsOfAnotherForm_AreKeptWholeAndReadBackEqual()
    {
        var d = CallWithTwoEscalations();
        var e = d.Escalations;

        DecisionEscalations three = [e[0], e[1], e[0]];
        DecisionEscalations withAContact = [d, e[1]];
        DecisionEscalations ofTwoPersons = [e[0], e[1] with { ContactPointId = "elsewhere" }];

        Assert.Equal([e[0], e[1], e[0]], three);
        Assert.Equal(d, withAContact[0]);
        Assert.Equal(2, withAContact[0].Escalations.Count);
        Assert.Equal("elsewhere", ofTwoPersons[1].ContactPointId);
        Assert.NotEqual(e, ofTwoPersons);
        Assert.NotEqual(e, [e[1], e[0]]);
        Assert.NotEqual(e, [e[0]]);
    }

    [Fact]
    public void AnIndexOutsideTheList_Throws()
    {
        var e = CallWithTwoEscalations().Escalations;

        Assert.Throws<ArgumentOutOfRangeException>(() => e[2]);
        Assert.Throws<ArgumentOutOfRangeException>(() => e[-1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionEscalations.Empty[0]);
    }

    [Fact]
    public void ADecisionListingEscalations_DiffersFromOneListingNone()
    {
        var d = CallWithTwoEscalations();

        Assert.NotEqual(d, d with { Escalations = [] });
        Assert.Contains("; also agency (agency-placement) about a2", d.ToString(), StringComparison.Ordinal);
    }
}
