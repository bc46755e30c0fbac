using System.Net;
using System.Text.Json;
using Cadence.Samples.WebApi.Tests.Support;
using Microsoft.Extensions.Options;
using NodaTime.Testing;

namespace Cadence.Samples.WebApi.Tests;

public sealed class DecisionApiTests(DecisionApiHost host) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cadence-webapi-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Build_PolicyFileWithProblems_ThrowsListingEveryProblem()
    {
        var path = Path.Combine(folder, "broken.policy.json");
        File.WriteAllText(path, """{"name":"broken","steps":[{"id":"s","channel":"fax","window":{"from":1,"to":2}}],"colour":"red"}""");
        var builder = DecisionApi.CreateBuilder(["--Cadence:PolicyPath", path], new FakeClock(DecisionApiHost.Now));

        var exception = Assert.Throws<PolicyValidationException>(() => DecisionApi.Build(builder));

        Assert.Equal("broken.policy.json", exception.PolicyName);
        Assert.Contains(exception.Errors, e => e.Path == "colour");
        Assert.Contains(exception.Errors, e => e.Path == "steps[0].channel");
    }

    [Fact]
    public void Build_BatchChunkSizeZero_ThrowsNamingTheSetting()
    {
        var builder = DecisionApi.CreateBuilder(["--Cadence:BatchChunkSize", "0"], new FakeClock(DecisionApiHost.Now));

        var exception = Assert.Throws<OptionsValidationException>(() => DecisionApi.Build(builder));

        Assert.Equal("Cadence:BatchChunkSize must be at least 1.", exception.Message);
    }

    [Fact]
    public async Task Build_UnknownPath_Answers404ProblemDetails()
    {
        using var response = await host.Http1.GetAsync("/decision", TestContext.Current.CancellationToken);

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }
}
