using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Cadence.Extensions.DependencyInjection.Tests;

public sealed class CadenceServiceCollectionExtensionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 6, 15, 12, 0);

    private static CadencePolicy Policy(string name = "di") => CadencePolicy.CreateBuilder(name)
        .WithDefaultZone("UTC")
        .AddStep(CadenceStep.Contact("sms", Channel.Sms, "t", 1, 29))
        .Build();

    private static BorrowerState Account => new("A-1")
    {
        DueDate = new LocalDate(2026, 6, 10),
        ContactPoints = [new ContactPoint(Channel.Sms)],
    };

    private static ServiceProvider Build(IServiceCollection services)
        => services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

    [Fact]
    public void AddCadence_RegistersThePolicyAndOneEngineAsSingletons()
    {
        var policy = Policy();
        using var provider = Build(new ServiceCollection().AddCadence(policy));

        var engine = provider.GetRequiredService<ICadenceEngine>();

        Assert.Same(policy, provider.GetRequiredService<CadencePolicy>());
        Assert.Same(engine, provider.GetRequiredService<CadenceEngine>());
        Assert.Same(engine, provider.GetRequiredService<ICadenceEngine>());
        Assert.Same(policy, engine.Policy);
        Assert.Equal(DecisionKind.Contact, engine.Evaluate(Account, Now).Kind);
    }

    [Fact]
    public void AddCadence_CalledTwice_KeepsTheFirstRegistration()
    {
        var first = Policy("first");
        var services = new ServiceCollection()
            .AddCadence(first, o => o.IncludeExplanations = true)
            .AddCadence(Policy("second"), o => o.IncludeExplanations = false);

        using var provider = Build(services);

        Assert.Same(first, provider.GetRequiredService<CadencePolicy>());
        Assert.NotNull(provider.GetRequiredService<ICadenceEngine>().Evaluate(Account, Now).Explanation);
        Assert.Single(services, d => d.ServiceType == typeof(CadenceEngine));
        Assert.Single(services, d => d.ServiceType == typeof(ICadenceEngine));
    }

    [Fact]
    public void AddCadence_WithAClockInTheContainer_EvaluatesAtTheClocksInstant()
    {
        var services = new ServiceCollection().AddSingleton<IClock>(new FakeClock(Now)).AddCadence(Policy());
        using var provider = Build(services);

        var decision = provider.GetRequiredService<CadenceEngine>().EvaluateNow(Account);

        Assert.Equal(Now, decision.NotBefore);
    }

    [Fact]
    public void AddCadence_WithoutAClock_RequiresTheInstantToBePassed()
    {
        using var provider = Build(new ServiceCollection().AddCadence(Policy()));

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<CadenceEngine>().EvaluateNow(Account));
    }

    [Fact]
    public void AddCadence_AppliesTheConfiguredOptions()
    {
        using var provider = Build(new ServiceCollection().AddCadence(Policy(), o => o.IncludeExplanations = false));

        Assert.Null(provider.GetRequiredService<ICadenceEngine>().Evaluate(Account, Now).Explanation);
    }

    [Fact]
    public void AddCadence_WithAFactory_BuildsThePolicyFromTheContainer()
    {
        var services = new ServiceCollection().AddSingleton(new PolicyName("from-container")).AddCadence(sp => Policy(sp.GetRequiredService<PolicyName>().Value));
        using var provider = Build(services);

        Assert.Equal("from-container", provider.GetRequiredService<ICadenceEngine>().Policy.Name);
    }

    [Fact]
    public void AddCadence_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddCadence((CadencePolicy)null!));
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddCadence(Policy()));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddCadence(Policy(), null!));
    }

    private sealed record PolicyName(string Value);
}
