using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Cadence.Samples.WebApi;

/// <summary>
/// Reports the policy the engine evaluates. The policy is loaded and compiled before the application listens, so a
/// running application always has one: the check says which, and what the engine compiled.
/// </summary>
/// <param name="engine">The engine.</param>
internal sealed class PolicyHealthCheck(ICadenceEngine engine) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var policy = engine.Policy;
        var data = new Dictionary<string, object>
        {
            ["policy"] = policy.Name,
            ["steps"] = policy.Steps.Length,
            ["engine"] = engine.Description,
        };
        return Task.FromResult(HealthCheckResult.Healthy($"Policy '{policy.Name}' loaded.", data));
    }

    /// <summary>Writes the report as JSON: the overall status, then each check's status, description and data (text for people, data for programs).</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="report">The report.</param>
    /// <returns>The writing.</returns>
    public static async Task WriteResponseAsync(HttpContext context, HealthReport report)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("status", report.Status.ToString());
            w.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                w.WriteStartObject(name);
                w.WriteString("status", entry.Status.ToString());
                w.WriteString("description", entry.Description);
                w.WriteStartObject("data");
                foreach (var (key, value) in entry.Data)
                {
                    if (value is int number)
                    {
                        w.WriteNumber(key, number);
                    }
                    else
                    {
                        w.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
                    }
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }
}
