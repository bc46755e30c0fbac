using System.Text.Json;
using Cadence.CustomRules;
using Cadence.Explanations;
using Cadence.Json.Tests.Support;
using NRules.Fluent.Dsl;
using NodaTime;

namespace Cadence.Json.Tests;

public sealed class DecisionJsonTests
{
    // Monday 9 March 2026, 07:00 in New York (EDT since the day before).
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 11, 0);

    private static CadencePolicyBuilder Builder() => CadencePolicy.CreateBuilder("p")
        .WithDefaultZone("America/New_York")
        .AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 1, 30))
        .AddStep(CadenceStep.Escalation("agency", "agency-placement", 90, 365))
        .AddWindow("hours", DayKinds.All, TimeRange.Of(8, 0, 21, 0))
        .AddHoldRule(new HoldRule("cease", HoldKind.CeaseCommunication) { BlocksAllSteps = true })
        .UseLimitedContentVoicemail();

    private static Decision Decide(BorrowerState account, bool explain = false, CadencePolicy? policy = null)
        => new CadenceEngine(policy ?? Builder().Build(), new CadenceEngineOptions { IncludeExplanations = explain }).Evaluate(account, Now);

    private static BorrowerState Account(LocalDate? due) => new("A-1")
    {
        DueDate = due,
        AmountDue = new Money(100m, "USD"),
        ContactPoints = [new ContactPoint(Channel.Call)],
    };

    [Fact]
    public void Write_Contact_GivesTheStepChannelTemplateAndInstantOnOneLine()
    {
        var json = DecisionJson.Write(Decide(Account(new LocalDate(2026, 3, 1))));

        Assert.Equal("""{"accountId":"A-1","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-03-09T12:00:00Z","limitedContentVoicemail":true}""", json);
    }

    [Fact]
    public void Write_LimitedContentVoicemailOff_LeavesTheFieldOut()
    {
        var policy = CadencePolicy.CreateBuilder("p").WithDefaultZone("America/New_York").AddStep(CadenceStep.Contact("call-overdue", Channel.Call, "overdue-call", 1, 30)).Build();

        var json = DecisionJson.Write(Decide(Account(new LocalDate(2026, 3, 1)), policy: policy));

        Assert.Equal("""{"accountId":"A-1","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-03-09T11:00:00Z"}""", json);
    }

    [Fact]
    public void Write_Explanation_ListsTheCandidatesAndTheRulesThatDecided()
    {
        var json = DecisionJson.Write(Decide(Account(new LocalDate(2026, 3, 1)), explain: true));

        Assert.Equal(
            """{"accountId":"A-1","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-03-09T12:00:00Z","limitedContentVoicemail":true,"explanation":{"reasons":[],"candidates":[{"stepId":"call-overdue","channel":"call","proposedBy":"step:call-overdue","status":"chosen","notBefore":"2026-03-09T12:00:00Z","reasons":[{"rule":"window:hours (America/New_York)","code":"outsideContactWindow","until":"2026-03-09T12:00:00Z"},{"rule":"selection","code":"chosen","until":"2026-03-09T12:00:00Z"}]}]}}""",
            json);
    }

    [Fact]
    public void Write_Escalation_GivesItsKindAndNoChannel()
    {
        var json = DecisionJson.Write(Decide(Account(new LocalDate(2025, 12, 1))));

        Assert.Equal("""{"accountId":"A-1","kind":"escalate","step":"agency","escalation":"agency-placement","notBefore":"2026-03-09T11:00:00Z"}""", json);
    }

    [Fact]
    public void Write_Wait_GivesWhenToLookAgain()
    {
        var json = DecisionJson.Write(Decide(Account(new LocalDate(2026, 3, 20))));

        Assert.Equal("""{"accountId":"A-1","kind":"wait","reviewAt":"2026-03-21T04:00:00Z"}""", json);
    }

    [Fact]
    public void Write_Suppressed_GivesTheHoldAndNoReviewForAnOpenEndedOne()
    {
        var account = Account(new LocalDate(2026, 3, 1)) with { Holds = [new Hold(HoldKind.CeaseCommunication, Instant.FromUtc(2026, 3, 2, 0, 0))] };

        var json = DecisionJson.Write(Decide(account));

        Assert.Equal("""{"accountId":"A-1","kind":"suppressed","suppressedBy":"cease-communication"}""", json);
    }

    [Fact]
    public void Write_None_IsTheAccountAndTheKindOnly()
    {
        Assert.Equal("""{"accountId":"A-1","kind":"none"}""", DecisionJson.Write(Decide(Account(null))));
    }

    [Fact]
    public void Write_ErrorOfAnUnreadableRecord_GivesCodeAndMessageWrittenAsTheyAre()
    {
        var decision = Decision.Failed("line 17", ReasonCode.InvalidAccount, "line 17, $: the text is not valid JSON at column 20: '\"' is invalid after a value.");

        var json = DecisionJson.Write(decision);

        Assert.Equal("""{"accountId":"line 17","kind":"error","error":{"code":"invalidAccount","message":"line 17, $: the text is not valid JSON at column 20: '\"' is invalid after a value."}}""", json);
    }

    [Fact]
    public void Write_ErrorOfAFailedRule_NamesTheRule()
    {
        var policy = Builder().AddCustomRule(new ThrowingRule()).Build();

        var json = DecisionJson.Write(Decide(Account(new LocalDate(2026, 3, 1)) with { Tags = ["explode"] }, policy: policy));

        using var document = JsonDocument.Parse(json);
        var error = document.RootElement.GetProperty("error");
        Assert.Equal("error", document.RootElement.GetProperty("kind").GetString());
        Assert.Equal("ruleFailed", error.GetProperty("code").GetString());
        Assert.Equal("throwing-rule", error.GetProperty("rule").GetString());
        Assert.Contains("custom rule bug", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnyDecision_IsOneLineOfValidJson()
    {
        var decisions = new[] { Account(new LocalDate(2026, 3, 1)), Account(new LocalDate(2026, 3, 20)), Account(null) }.Select(a => Decide(a, explain: true));

        foreach (var json in decisions.Select(DecisionJson.Write))
        {
            Assert.DoesNotContain('\n', json);
            using var document = JsonDocument.Parse(json);
            Assert.Equal("A-1", document.RootElement.GetProperty("accountId").GetString());
        }
    }

    [Fact]
    public void WriteLine_WritesTheBytesOfWriteAndALineFeed_ForEveryDecisionOfTheSamplePortfolio()
    {
        var policy = PolicyJson.ReadFile(Path.Combine(Repository.Policies, "acme-us.policy.json")).Policy!;
        var engine = new CadenceEngine(policy, new CadenceEngineOptions { IncludeExplanations = true });
        var decisions = PersonJson.ReadLines(File.OpenRead(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"))).Select(r => r.Evaluate(engine, Now)).ToList();
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        foreach (var decision in decisions)
        {
            DecisionJson.WriteLine(output, decision);
        }

        Assert.Contains(decisions, d => !d.Escalations.IsEmpty);
        Assert.Equal(string.Concat(decisions.Select(d => DecisionJson.Write(d) + "\n")), System.Text.Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void WriteLine_OnceTheThreadHasWrittenARecord_AllocatesNothing()
    {
        var decision = Decide(Account(new LocalDate(2026, 3, 1)));
        var output = new System.Buffers.ArrayBufferWriter<byte>(1 << 16);
        DecisionJson.WriteLine(output, decision);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            DecisionJson.WriteLine(output, decision);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(101, output.WrittenSpan.Count((byte)'\n'));
    }

    public sealed class ThrowingRule : Rule
    {
        public override void Define()
        {
            AccountFacts facts = null!;
            Name("throwing-rule");
            When().Match(() => facts, f => f.HasTag("explode"));
            Then().Do(ctx => Explode(facts));
        }

        private static void Explode(AccountFacts facts) => throw new InvalidOperationException("custom rule bug for " + facts.AccountId);
    }

    [Fact]
    public void Read_WhatWriteWrote_IsTheSameDecision_ForEveryKindWithItsExplanation()
    {
        var policy = Builder().Build();
        BorrowerState[] accounts =
        [
            Account(new LocalDate(2026, 3, 5)),
            Account(new LocalDate(2025, 11, 1)),
            Account(new LocalDate(2026, 4, 1)),
            Account(new LocalDate(2026, 3, 5)) with { Holds = [new Hold(HoldKind.CeaseCommunication, Now - Duration.FromDays(1))] },
            Account(null),
            Account(new LocalDate(2026, 3, 5)) with { TimeZoneIds = ["Mars/Olympus"] },
        ];

        var decisions = accounts.Select(a => Decide(a, explain: true, policy)).ToList();

        Assert.Equal([DecisionKind.Contact, DecisionKind.Escalate, DecisionKind.Wait, DecisionKind.Suppressed, DecisionKind.None, DecisionKind.Error], decisions.Select(d => d.Kind));
        foreach (var decision in decisions)
        {
            var read = DecisionJson.Read(DecisionJson.Write(decision), policy);

            Assert.Equal(decision, read);
            Assert.Same(decision.Step, read.Step);
            Assert.Equal(DecisionJson.Write(decision), DecisionJson.Write(read));
        }
    }

    [Fact]
    public void Write_ContactCheckBeforeTheWindow_GivesTheEarliestInstantAndTheRuleThatDefersIt()
    {
        var check = new CadenceEngine(Builder().Build()).Check(Person.FromAccount(Account(new LocalDate(2026, 3, 1))), new ProposedContact(Channel.Call), Now);

        Assert.Equal(
            """{"allowed":false,"earliestAt":"2026-03-09T12:00:00Z","reasons":[{"rule":"window:hours (America/New_York)","code":"outsideContactWindow","until":"2026-03-09T12:00:00Z"}]}""",
            DecisionJson.Write(check));
    }

    [Fact]
    public void Write_ContactCheckOnAnUnknownPoint_GivesTheErrorAndNoInstant()
    {
        var check = new CadenceEngine(Builder().Build()).Check(Person.FromAccount(Account(new LocalDate(2026, 3, 1))), new ProposedContact(Channel.Call, "desk"), Now);

        var json = DecisionJson.Write(check);

        Assert.StartsWith("""{"allowed":false,"reasons":[],"error":{"code":"invalidAccount","message":""", json, StringComparison.Ordinal);
        Assert.Contains("desk", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AnExperimentsDecision_KeepsItsVariant()
    {
        var policy = Builder().Build();
        var experiment = new Cadence.Experiments.Experiment("e", [new Cadence.Experiments.ExperimentVariant("champion", policy)]);
        var decision = new Cadence.Experiments.ExperimentEngine(experiment).Evaluate(Account(new LocalDate(2026, 3, 5)), Now);

        var written = DecisionJson.Write(decision);

        Assert.Contains("\"variant\":\"champion\"", written, StringComparison.Ordinal);
        Assert.Equal(decision, DecisionJson.Read(written, policy));
    }

    [Theory]
    [InlineData("""{"accountId":"A","kind":"contact","step":"call-overdue","channel":"sms","template":"overdue-call"}""", "channel: the record says 'sms', but step 'call-overdue' of policy 'p' says 'call': the decision was made by another policy.")]
    [InlineData("""{"accountId":"A","kind":"contact","step":"call-overdue","channel":"call","template":"old"}""", "template: the record says 'old', but step 'call-overdue' of policy 'p' says 'overdue-call': the decision was made by another policy.")]
    [InlineData("""{"accountId":"A","kind":"contact","step":"no-such-step"}""", "step: policy 'p' has no step 'no-such-step'.")]
    [InlineData("""{"accountId":"A","kind":"maybe"}""", "kind: 'maybe' is not one of none, contact, escalate, wait, suppressed, error.")]
    [InlineData("""{"kind":"none"}""", "The decision record is not one this format writes: The given key was not present in the dictionary.")]
    public void Read_ARecordThatIsNoDecisionOfThePolicy_IsAFormatErrorNamingTheProperty(string json, string message)
    {
        var ex = Assert.Throws<FormatException>(() => DecisionJson.Read(json, Builder().Build()));

        Assert.Equal(message, ex.Message);
    }
}
