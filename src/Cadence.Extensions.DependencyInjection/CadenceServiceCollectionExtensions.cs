using System.Diagnostics.Metrics;
using Cadence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Cadence in a service collection.</summary>
public static class CadenceServiceCollectionExtensions
{
    /// <summary>Registers <paramref name="policy"/> and a <see cref="CadenceEngine"/> for it with default options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="policy">The policy.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCadence(this IServiceCollection services, CadencePolicy policy)
        => services.AddCadence(policy, static _ => { });

    /// <summary>Registers the policy made by <paramref name="policyFactory"/> and a <see cref="CadenceEngine"/> for it with default options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="policyFactory">Makes the policy from the container.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCadence(this IServiceCollection services, Func<IServiceProvider, CadencePolicy> policyFactory)
        => services.AddCadence(policyFactory, static _ => { });

    /// <summary>
    /// Registers <paramref name="policy"/> and a <see cref="CadenceEngine"/> for it as singletons (also as
    /// <see cref="ICadenceEngine"/>). The engine takes the container's <see cref="IClock"/> when one is registered,
    /// for <see cref="CadenceEngineExtensions.EvaluateNow(ICadenceEngine, BorrowerState)"/>. Calling it again changes nothing: the first registration, options
    /// included, stays.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="policy">The policy.</param>
    /// <param name="configure">Configures the engine's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCadence(this IServiceCollection services, CadencePolicy policy, Action<CadenceEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return services.AddCadence(_ => policy, configure);
    }

    /// <summary>
    /// Registers the policy made by <paramref name="policyFactory"/> (called once, when first needed) and a
    /// <see cref="CadenceEngine"/> for it as singletons. Idempotent: the first registration stays.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="policyFactory">Makes the policy from the container (e.g. from configuration).</param>
    /// <param name="configure">Configures the engine's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddCadence(this IServiceCollection services, Func<IServiceProvider, CadencePolicy> policyFactory, Action<CadenceEngineOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(policyFactory);

        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(CadenceEngine)))
        {
            return services;
        }

        // The engine logs and meters through the host's factories unless the caller chose others.
        services.AddOptions<CadenceEngineOptions>().Configure(configure).PostConfigure<IServiceProvider>(static (options, provider) =>
        {
            options.LoggerFactory ??= provider.GetService<ILoggerFactory>();
            options.MeterFactory ??= provider.GetService<IMeterFactory>();
        });
        services.TryAddSingleton(policyFactory);
        services.TryAddSingleton(sp => new CadenceEngine(
            sp.GetRequiredService<CadencePolicy>(),
            sp.GetRequiredService<IOptions<CadenceEngineOptions>>().Value,
            sp.GetService<IClock>()));
        services.TryAddSingleton<ICadenceEngine>(sp => sp.GetRequiredService<CadenceEngine>());
        return services;
    }
}
