using System.Net;
using System.Text.Json;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests;

public sealed class PolicyHealthCheckTests(DecisionApiHost host)
{
    [Fact]
    public async Task CheckHealth_RunningApplication_Answers200HealthyWithThePolicyLoaded()
    {
        using var response = await host.Http1.GetAsync("/health", TestContext.Current.CancellationToken);

        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        var policy = report.RootElement.GetProperty("checks").GetProperty("policy");
        Assert.Equal("Healthy", policy.GetProperty("status").GetString());
        Assert.Equal("Policy 'acme-lending-us' loaded.", policy.GetProperty("description").GetString());
        Assert.Equal("acme-lending-us", policy.GetProperty("data").GetProperty("policy").GetString());
        Assert.Equal(11, policy.GetProperty("data").GetProperty("steps").GetInt32());
        Assert.StartsWith("Compiled evaluator for policy 'acme-lending-us'", policy.GetProperty("data").GetProperty("engine").GetString(), StringComparison.Ordinal);
    }
}
