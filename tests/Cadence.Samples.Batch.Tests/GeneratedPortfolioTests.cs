using Cadence.Simulation;
using NodaTime;

namespace Cadence.Samples.Batch.Tests;

public sealed class GeneratedPortfolioTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 9, 14, 30);

    [Fact]
    public void Fill_ChunksAcrossABlock_NumbersTheAccountsOnAndGeneratesEachBlockFromItsOwnSeed()
    {
        using var source = new GeneratedPortfolio(GeneratedPortfolio.BlockSize + 500, Now, seed: 5);

        var persons = FillAll(source);

        Assert.Equal(GeneratedPortfolio.BlockSize + 500, persons.Count);
        Assert.Equal(persons.Count, source.Progress);
        Assert.Equal(Enumerable.Range(0, persons.Count).Select(i => $"ACC-{i:D7}"), persons.Select(p => p.PersonId));
        Assert.All(persons, p => Assert.Equal([p.PersonId], p.Accounts.Select(a => a.AccountId)));
        var first = SyntheticPortfolio.Generate(GeneratedPortfolio.BlockSize, Now, 5 * 1_000_003);
        var second = SyntheticPortfolio.Generate(500, Now, (5 * 1_000_003) + 1);
        Assert.Equal(first.Concat(second).Select(a => Person.FromAccount(a with { AccountId = "" })), persons.Select(Unnamed));
    }

    [Fact]
    public void Fill_Persons_NumbersThePersonsOnAndKeepsEachPersonsAccountsTogether()
    {
        using var source = new GeneratedPortfolio(GeneratedPortfolio.BlockSize + 500, Now, seed: 5, persons: true);

        var persons = FillAll(source);

        Assert.Equal(Enumerable.Range(0, persons.Count).Select(i => $"PER-{i:D7}"), persons.Select(p => p.PersonId));
        var first = SyntheticPortfolio.GeneratePersons(GeneratedPortfolio.BlockSize, Now, 5 * 1_000_003);
        var second = SyntheticPortfolio.GeneratePersons(500, Now, (5 * 1_000_003) + 1);
        Assert.Equal(first.Concat(second).Select(p => p with { PersonId = "" }), persons.Select(p => p with { PersonId = "" }));
        Assert.Contains(persons, p => p.Accounts.Length > 1);
        Assert.Equal("10,500 synthetic persons (seed 5)", source.Description);
    }

    private static List<Person> FillAll(GeneratedPortfolio source)
    {
        var buffer = new Person[7_000];
        var persons = new List<Person>();
        int filled;
        while ((filled = source.Fill(buffer, new BatchTally())) > 0)
        {
            persons.AddRange(buffer.Take(filled));
        }

        return persons;
    }

    private static Person Unnamed(Person person) => person with { PersonId = "", Accounts = [person.Accounts[0] with { AccountId = "" }] };
}
