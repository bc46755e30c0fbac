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
            .Validate(o => o.MaxRecordBytes >= 1, "Cadence:MaxRecordBytes must be at least 1.")
            .Validate(o => o.MaxBatchBytes is null or >= 1, "Cadence:MaxBatchBytes must be at least 1, or left out for no limit.")
            .Validate(o => o.MaxLineBytes >= 1, "Cadence:MaxLineBytes must be at least 1.")
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

        // Failures and bare status codes (404, 405, 415...) are answered with problem details too; a request Kestrel
        // rejects (a body over its limit, a body cut short) keeps its own 4xx status instead of becoming a 500.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.Use(LogDisconnectsAsync);

        app.MapPost("/decisions", DecisionEndpoints.DecideAsync);
        app.MapPost("/decisions/batch", DecisionEndpoints.DecideBatch);
        app.MapPost("/check", DecisionEndpoints.CheckAsync);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = PolicyHealthCheck.WriteResponseAsync });
        return app;
    }

    /// <summary>
    /// A client that goes away before its answer is complete is no failure of the service: it is logged as information,
    /// and whatever its going away threw (a cancelled read or write) is not logged as an error.
    /// </summary>
    private static async Task LogDisconnectsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            // Logged below.
        }

        if (context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DecisionApi))
                .LogInformation("The client disconnected before the answer to {Method} {Path} was complete.", context.Request.Method, context.Request.Path.Value);
        }
    }

    private static CadencePolicy LoadPolicy(DecisionApiOptions options, IHostEnvironment environment)
    {
        var path = options.PolicyPath is { Length: > 0 } configured
            ? Path.GetFullPath(configured, environment.ContentRootPath)
            : DecisionApiOptions.BundledPolicyPath;
        return PolicyJson.Load(path);
    }
}
