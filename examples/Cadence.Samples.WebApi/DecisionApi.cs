using Cadence.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Cadence.Samples.WebApi;

/// <summary>
/// The lender backend: registers the services (the clock, the policy and its engine, problem details, health checks)
/// and maps the endpoints. <c>Program.cs</c> runs it with the system clock; the integration tests run the same
/// application with a fixed clock on their own loopback endpoints.
/// </summary>
internal static class DecisionApi
{
    /// <summary>Creates the application's builder with its services registered.</summary>
    /// <param name="args">The command line: ASP.NET Core's (<c>--urls</c>, <c>--contentRoot</c>…) and configuration keys such as <c>--Cadence:PolicyPath</c>.</param>
    /// <param name="clock">The clock that gives the evaluation instant when a request does not name one.</param>
    /// <returns>The builder, to which a host may add its own settings (endpoints, logging) before <see cref="Build"/>.</returns>
    public static WebApplicationBuilder CreateBuilder(string[] args, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var builder = WebApplication.CreateBuilder(args);
        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddOptions<DecisionApiOptions>()
            .Bind(builder.Configuration.GetSection(DecisionApiOptions.SectionName))
            .Validate(o => o.BatchChunkSize >= 1, "Cadence:BatchChunkSize must be at least 1.")
            .ValidateOnStart();

        // The policy is loaded once, when the engine is first needed (Build asks for it); the engine takes the clock above.
        services.AddCadence(sp => LoadPolicy(
            sp.GetRequiredService<IOptions<DecisionApiOptions>>().Value,
            sp.GetRequiredService<IHostEnvironment>()));
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<PolicyHealthCheck>("policy");
        return builder;
    }

    /// <summary>
    /// Builds the application: loads and compiles the policy (a policy with problems stops here, every problem listed),
    /// then maps <c>POST /decisions</c>, <c>POST /decisions/batch</c>, <c>POST /check</c> and <c>GET /health</c>.
    /// </summary>
    /// <param name="builder">A builder from <see cref="CreateBuilder"/>.</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        var engine = app.Services.GetRequiredService<ICadenceEngine>();
        app.Logger.LogInformation("Policy {Policy} loaded. {Engine}", engine.Policy, engine.Description);

        // Failures and bare status codes (404, 405, 415...) are answered with problem details too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapPost("/decisions", DecisionEndpoints.DecideAsync);
        app.MapPost("/decisions/batch", DecisionEndpoints.DecideBatch);
        app.MapPost("/check", DecisionEndpoints.CheckAsync);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = PolicyHealthCheck.WriteResponseAsync });
        return app;
    }

    private static CadencePolicy LoadPolicy(DecisionApiOptions options, IHostEnvironment environment)
    {
        var path = options.PolicyPath is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : DecisionApiOptions.BundledPolicyPath;
        return PolicyJson.Load(path);
    }
}
