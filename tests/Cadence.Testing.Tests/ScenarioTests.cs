using Cadence.Testing.Tests.Support;
using NodaTime;

namespace Cadence.Testing.Tests;

public sealed class ScenarioTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 1, 12, 0);

    [Fact]
    public void ToString_ShowsTheInstantThePolicyAndEveryAccount()
    {
        var scenario = new Scenario(SamplePolicies.AcmeUs, [new BorrowerState("a"), new BorrowerState("b")], Now);

        var text = scenario.ToString();

        Assert.StartsWith("now = 2026-06-01T12:00:00Z" + Environment.NewLine + "policy 'acme-lending-us'", text, StringComparison.Ordinal);
        Assert.Contains("account a: ", text, StringComparison.Ordinal);
        Assert.Contains("account b: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_ComparesTheAccountsElementByElement()
    {
        var a = new Scenario(SamplePolicies.AcmeUs, [new BorrowerState("a") { Tags = ["x"] }], Now);
        var b = new Scenario(SamplePolicies.AcmeUs, [new BorrowerState("a") { Tags = ["x"] }], Now);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Accounts = [new BorrowerState("b")] });
    }

    [Fact]
    public void Accounts_Default_IsEmpty() => Assert.Empty(new Scenario(SamplePolicies.AcmeUs, default, Now).Accounts);
}
