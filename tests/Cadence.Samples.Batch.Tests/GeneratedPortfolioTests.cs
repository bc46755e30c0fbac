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
        var buffer = new BorrowerState[7_000];
        var accounts = new List<BorrowerState>();
        int filled;
        while ((filled = source.Fill(buffer, new BatchTally())) > 0)
        {
            accounts.AddRange(buffer.Take(filled));
        }

        Assert.Equal(GeneratedPortfolio.BlockSize + 500, accounts.Count);
        Assert.Equal(accounts.Count, source.Progress);
        Assert.Equal(Enumerable.Range(0, accounts.Count).Select(i => $"ACC-{i:D7}"), accounts.Select(a => a.AccountId));
        var first = SyntheticPortfolio.Generate(GeneratedPortfolio.BlockSize, Now, 5 * 1_000_003);
        var second = SyntheticPortfolio.Generate(500, Now, (5 * 1_000_003) + 1);
        Assert.Equal(first.Concat(second).Select(a => a with { AccountId = "" }), accounts.Select(a => a with { AccountId = "" }));
    }
}
