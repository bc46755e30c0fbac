using Cadence.Experiments;
using Cadence.Tests.Support;
using NodaTime;
using static Cadence.Tests.Support.Accounts;

namespace Cadence.Tests.Experiments;

public sealed class ExperimentEngineTests
{
    private const string NewYork = "America/New_York";
    private static readonly LocalDate Due = new(2026, 6, 1);
    private static readonly Instant Noon = Local(NewYork, 2026, 6, 3, 12);

    private static readonly Experiment Experiment = new(
        "channels",
        [
            new ExperimentVariant("sms", Policies.Single(CadenceStep.Contact("sms", Channel.Sms, "sms", -5, 30))),
            new ExperimentVariant("email", Policies.Single(CadenceStep.Contact("email", Channel.Email, "email", -5, 30))),
        ]);

    private static List<BorrowerState> Portfolio(int count) => [.. Enumerable.Range(0, count).Select(i => Borrower("ACC-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Due, NewYork))];

    [Fact]
    public void Evaluate_UsesTheAssignedVariantsPolicy_AndRecordsTheVariant()
    {
        var engine = new ExperimentEngine(Experiment);

        foreach (var account in Portfolio(40))
        {
            var d = engine.Evaluate(account, Noon);
            var variant = Experiment.Assign(account.AccountId).Name;
            Assert.Equal(variant, d.Variant);
            Assert.Equal(variant == "sms" ? Channel.Sms : Channel.Email, d.Channel);
        }
    }

    [Fact]
    public void EvaluateBatch_GivesEachAccountTheDecisionOfEvaluate_InInputOrder()
    {
        var engine = new ExperimentEngine(Experiment, new CadenceEngineOptions { MinimumPartitionSize = 1 });
        var accounts = Portfolio(100);

        var batch = engine.EvaluateBatch(accounts, Noon, TestContext.Current.CancellationToken);

        Assert.Equal(accounts.Select(a => a.AccountId), batch.Select(d => d.AccountId));
        Assert.Equal(accounts.Select(a => (engine.Evaluate(a, Noon).Variant, engine.Evaluate(a, Noon).Channel, engine.Evaluate(a, Noon).NotBefore)), batch.Select(d => (d.Variant, d.Channel, d.NotBefore)));
        Assert.Equal(2, batch.Select(d => d.Variant).Distinct().Count());
    }

    [Fact]
    public void EvaluateBatch_ANullAccount_IsAnErrorAtItsPosition()
    {
        var decisions = new ExperimentEngine(Experiment).EvaluateBatch([Portfolio(1)[0], null!], Noon, TestContext.Current.CancellationToken);

        Assert.Equal([DecisionKind.Contact, DecisionKind.Error], decisions.Select(d => d.Kind));
        Assert.Null(decisions[1].Variant);
    }

    [Fact]
    public async Task EvaluateStream_AgreesWithTheBatch()
    {
        var engine = new ExperimentEngine(Experiment);
        var accounts = Portfolio(25);

        var streamed = new List<Decision>();
        await foreach (var d in engine.EvaluateStream(accounts.ToAsyncEnumerable(), Noon, chunkSize: 7, TestContext.Current.CancellationToken))
        {
            streamed.Add(d);
        }

        Assert.Equal(engine.EvaluateBatch(accounts, Noon, TestContext.Current.CancellationToken).Select(d => (d.AccountId, d.Variant, d.NotBefore)), streamed.Select(d => (d.AccountId, d.Variant, d.NotBefore)));
    }

    [Fact]
    public void Decision_ToString_ShowsTheVariant()
        => Assert.Contains("[variant ", new ExperimentEngine(Experiment).Evaluate(Portfolio(1)[0], Noon).ToString(), StringComparison.Ordinal);

    [Fact]
    public void Description_NamesEveryVariantAndWeight()
    {
        var description = new ExperimentEngine(Experiment).Description;

        Assert.Contains("sms (weight 1/2)", description, StringComparison.Ordinal);
        Assert.Contains("email (weight 1/2)", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_APerson_UsesThePersonsVariantForEveryAccount()
    {
        var engine = new ExperimentEngine(Experiment);
        var persons = Enumerable.Range(0, 40).Select(i => new Person("P-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            TimeZoneIds = [NewYork],
            ContactPoints = [new ContactPoint(Channel.Sms) { Id = "m1" }, new ContactPoint(Channel.Email) { Id = "e1" }],
            Accounts = [new Account("A-1") { DueDate = Due }, new Account("A-2") { DueDate = Due }],
        }).ToList();

        var batch = engine.EvaluateBatch(persons, Noon, TestContext.Current.CancellationToken);

        for (var i = 0; i < persons.Count; i++)
        {
            var variant = Experiment.Assign(persons[i].PersonId).Name;
            Assert.Equal(variant, batch[i].Variant);
            Assert.Equal(variant == "sms" ? Channel.Sms : Channel.Email, batch[i].Channel);
            Assert.Equal(batch[i], engine.Evaluate(persons[i], Noon));
        }

        Assert.Equal(2, batch.Select(d => d.Variant).Distinct().Count());
    }

    [Fact]
    public void Check_APerson_AsksThePersonsVariant()
    {
        var engine = new ExperimentEngine(Experiment);
        var person = new Person("P-1") { TimeZoneIds = [NewYork], ContactPoints = [new ContactPoint(Channel.Sms) { Id = "m1" }], Accounts = [new Account("A-1") { DueDate = Due }] };

        var check = engine.Check(person, new ProposedContact(Channel.Sms, "m1"), Noon);

        Assert.True(check.Allowed);
    }

    [Fact]
    public void Evaluate_APersonWhoseAccountsAloneWouldGetOtherVariants_DecidesEveryAccountWithThePersonsVariant()
    {
        var ids = Enumerable.Range(0, 200).Select(i => "L-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var personId = "P-1";
        var mine = Experiment.Assign(personId).Name;
        var others = ids.Where(id => Experiment.Assign(id).Name != mine).Take(2).ToArray();
        var engine = new ExperimentEngine(Experiment);
        var person = new Person(personId)
        {
            TimeZoneIds = [NewYork],
            ContactPoints = [new ContactPoint(Channel.Sms) { Id = "m1" }, new ContactPoint(Channel.Email) { Id = "e1" }],
            Accounts = [.. others.Select(id => new Account(id) { DueDate = Due })],
        };

        var alone = engine.Evaluate(person, Noon);
        var inBatch = engine.EvaluateBatch([person], Noon, TestContext.Current.CancellationToken)[0];
        var withoutTheFirstAccount = engine.Evaluate(person with { Accounts = person.Accounts.RemoveAt(0) }, Noon);

        Assert.Equal(2, others.Length);
        Assert.All([alone, inBatch, withoutTheFirstAccount], d => Assert.Equal(mine, d.Variant));
        Assert.All([alone, inBatch, withoutTheFirstAccount], d => Assert.Equal(mine == "sms" ? Channel.Sms : Channel.Email, d.Channel));
        Assert.NotEmpty(alone.AccountIds);
        Assert.All(alone.AccountIds, id => Assert.NotEqual(mine, Experiment.Assign(id).Name));
    }
}
