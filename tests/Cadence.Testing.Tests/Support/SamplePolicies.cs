using Cadence.Json;

namespace Cadence.Testing.Tests.Support;

/// <summary>The repository's sample policy files, copied beside the tests.</summary>
internal static class SamplePolicies
{
    public static CadencePolicy AcmeUs { get; } = Load("acme-us.policy.json");

    public static CadencePolicy RuLender { get; } = Load("ru-lender.policy.json");

    public static CadencePolicy Load(string file) => PolicyJson.Load(Path.Combine(AppContext.BaseDirectory, "policies", file));
}
