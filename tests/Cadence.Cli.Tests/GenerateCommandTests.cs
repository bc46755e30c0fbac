using Cadence.Cli.Tests.Support;
using Cadence.Json;

namespace Cadence.Cli.Tests;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Generate_Persons_WritesThatManyReadablePersonsInOrder_TheSameForTheSameSeed()
    {
        var first = await Tool.RunAsync("generate", "--persons", "200", "--seed", "3");
        var again = await Tool.RunAsync("generate", "--persons", "200", "--seed", "3");
        var other = await Tool.RunAsync("generate", "--persons", "200", "--seed", "4");

        Assert.Equal(0, first.ExitCode);
        Assert.Empty(first.Error);
        var persons = first.OutputLines.Select((line, i) => PersonJson.Read(line, i + 1)).ToList();
        Assert.All(persons, p => Assert.True(p.Person is not null, string.Join("; ", p.Errors)));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"PER-{i:D7}"), persons.Select(p => p.Person!.PersonId));
        Assert.Contains(persons, p => p.Person!.Accounts.Length > 1);
        Assert.Equal(first.Output, again.Output);
        Assert.NotEqual(first.Output, other.Output);
    }

    [Fact]
    public async Task Generate_ThenEvaluate_DecidesEveryPerson()
    {
        var portfolio = tool.PathOf("portfolio.jsonl");
        var generated = await Tool.RunAsync("generate", "--persons", "300", "--zones", "ru", "--output", portfolio);

        var decided = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("ru-lender.policy.json"), "--accounts", portfolio, "--now", "2026-03-09T14:30:00Z");

        Assert.Equal((0, 0), (generated.ExitCode, decided.ExitCode));
        Assert.Empty(generated.Output);
        Assert.Equal(300, File.ReadAllLines(portfolio).Length);
        Assert.Equal(300, decided.OutputLines.Length);
        Assert.DoesNotContain(decided.OutputLines, l => l.Contains("\"kind\":\"error\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--persons 0", "cadence: --persons: 0 is not between 1 and 10000000000")]
    [InlineData("--seed 1", "cadence: Option '--persons' is required.")]
    public async Task Generate_BadArgument_IsAUsageErrorExitingTwo(string arguments, string message)
    {
        var result = await Tool.RunAsync(["generate", .. arguments.Split(' ')]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.ErrorLines[0]);
    }
}
