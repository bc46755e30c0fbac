using Cadence;
using Cadence.Samples.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        Usage: dotnet run --project examples/Cadence.Samples.Worker [-- <options>]

          --speed <n>          clock seconds per real second: 3600 makes an hour pass every second (default 1)
          --start <instant>    what the clock reads at start, ISO 8601, or 'now' for the system clock (default 2026-03-09T14:30:00Z)
          --run-for <span>     stop by itself after this much real time, e.g. 00:00:30 (default: run until Ctrl+C)
          --accounts <path>    the persons and accounts, JSON Lines (default: the sample portfolio); --persons is the same
          --policy <path>      the policy file (default: policies/acme-us.policy.json)
          --ledger <path>      the contact ledger's SQLite file, created if needed (default: cadence-worker.ledger.db
                               in the current directory); 'none' runs without a ledger
        """);
    return 0;
}

#pragma warning disable RS0030 // the composition root is the one place that may read the system clock
var systemClock = NodaTime.SystemClock.Instance; // allowed
#pragma warning restore RS0030

HostApplicationBuilder builder;
try
{
    builder = WorkerHost.CreateBuilder(args, systemClock);
}
catch (Exception e) when (e is OptionsValidationException or PolicyValidationException or InvalidOperationException or IOException or FormatException)
{
    // InvalidOperationException: a setting that is not of its type (--speed fast).
    foreach (var problem in e is OptionsValidationException invalid ? invalid.Failures : [e.Message])
    {
        Console.Error.WriteLine(problem);
    }

    return 2;
}

using var host = builder.Build();
using var runFor = new CancellationTokenSource();
if (host.Services.GetRequiredService<WorkerOptions>().RunFor is { } limit)
{
    runFor.CancelAfter(limit);
}

// Ctrl+C, SIGTERM or the end of --run-for: the host stops the worker gracefully.
var workers = host.Services.GetServices<IHostedService>().OfType<ContactWorker>().ToList();
await host.RunAsync(runFor.Token);

// A worker that failed (its ledger could not be opened) has stopped the host: the exit code says so.
return workers.Any(w => w.ExecuteTask is { IsFaulted: true }) ? 1 : 0;
