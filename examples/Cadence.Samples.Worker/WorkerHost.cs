using Cadence.Json;
using Cadence.Ledger;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Cadence.Samples.Worker;

/// <summary>Composes the worker's host: its settings, the clock, the policy and engine, the contact ledger, the persons, the dispatcher and the worker.</summary>
internal static class WorkerHost
{
    /// <summary>Creates the host builder for <paramref name="args"/>.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="systemClock">The real clock; the worker's clock is this one, or a simulated clock that counts its ticks.</param>
    /// <returns>The builder, with every service registered.</returns>
    /// <exception cref="OptionsValidationException">The settings have problems; every one is listed.</exception>
    /// <exception cref="PolicyValidationException">The policy file has problems.</exception>
    public static HostApplicationBuilder CreateBuilder(string[] args, IClock systemClock)
    {
        ArgumentNullException.ThrowIfNull(systemClock);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, WorkerOptions.SwitchMappings);
        var options = builder.Configuration.GetSection(WorkerOptions.SectionName).Get<WorkerOptions>() ?? new WorkerOptions();
        if (options.Validate() is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(WorkerOptions.SectionName, typeof(WorkerOptions), problems);
        }

        var start = options.ParseStart();
        IClock clock = start is null && options.Speed is 1.0
            ? systemClock
            : new SimulatedClock(systemClock, start ?? systemClock.GetCurrentInstant(), options.Speed);
        var policy = PolicyJson.Load(options.Policy);

        builder.Services
            .AddSingleton(options)
            .AddSingleton(clock)
            .AddSingleton<IDelay>(new ScaledDelay(options.Speed))
            .AddCadence(policy, engine => engine.IncludeExplanations = false)
            .AddSingleton<IPersonStore>(sp => InMemoryPersonStore.Load(options.Accounts, sp.GetRequiredService<ILogger<InMemoryPersonStore>>()))
            .AddSingleton<IContactDispatcher, LoggingContactDispatcher>()
            .AddSingleton<DueQueue<string>>()
            .AddHostedService<ContactWorker>();
        if (options.LedgerFile is { } ledgerFile)
        {
            // Nothing is read or written until the worker starts: it creates or migrates the file, then imports the histories.
            builder.Services.AddSingleton(new WorkerLedger(ledgerFile, LedgerPolicy.FromFile(options.Policy)));
        }

        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        return builder;
    }
}
