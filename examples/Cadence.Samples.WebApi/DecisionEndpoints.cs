using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Cadence.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.WebApi;

/// <summary>
/// <c>POST /decisions</c> (one account) and <c>POST /decisions/batch</c> (JSON Lines in, JSON Lines out). Accounts are
/// read with <see cref="AccountJson"/> and decisions written with <see cref="DecisionJson"/>, in the formats of
/// <c>docs/cli.md</c>. Input the reader rejects is a misuse of the API: one account answers 400 with problem details,
/// and a batch line answers an error record in its place. An account the reader accepts but the engine cannot evaluate
/// (an unknown time zone, contact points that contradict each other) is answered with an <c>error</c> decision, a
/// value like any other decision.
/// </summary>
internal static class DecisionEndpoints
{
    /// <summary>The media type of JSON Lines, for batches in and out.</summary>
    public const string JsonLinesMediaType = "application/x-ndjson";

    /// <summary><c>POST /decisions[?now=instant]</c>: one account as JSON; 200 with its decision, or 400 with problem details.</summary>
    /// <param name="request">The request; its body is the account.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="clock">Gives the evaluation instant when <paramref name="now"/> is not given.</param>
    /// <param name="now">The evaluation instant, ISO 8601, from the query string.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The result.</returns>
    public static async Task<IResult> DecideAsync(HttpRequest request, ICadenceEngine engine, IClock clock, string? now, CancellationToken cancellationToken)
    {
        if (!TryGetInstant(now, clock, out var instant, out var nowProblem))
        {
            return nowProblem;
        }

        string json;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true))
        {
            json = await reader.ReadToEndAsync(cancellationToken);
        }

        var read = AccountJson.Read(json);
        if (!read.Success)
        {
            return TypedResults.ValidationProblem(
                read.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(Located).ToArray()),
                detail: string.Join("; ", read.Errors),
                title: "The account could not be read.");
        }

        return TypedResults.Text(DecisionJson.Write(engine.Evaluate(read.Account!, instant)), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// <c>POST /decisions/batch[?now=instant]</c>: accounts as JSON Lines; 200 with one decision per non-blank line, in
    /// order, streamed as JSON Lines while the request is still being read.
    /// </summary>
    /// <param name="context">The request's context; its body is the accounts.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="clock">Gives the evaluation instant when <paramref name="now"/> is not given.</param>
    /// <param name="options">The chunk size.</param>
    /// <param name="now">The evaluation instant, ISO 8601, from the query string.</param>
    /// <returns>The result.</returns>
    public static IResult DecideBatch(HttpContext context, ICadenceEngine engine, IClock clock, IOptions<DecisionApiOptions> options, string? now)
    {
        if (!TryGetInstant(now, clock, out var instant, out var nowProblem))
        {
            return nowProblem;
        }

        // `curl -d @file` sends a form and strips the line breaks, which would turn the file into one unreadable line.
        if (context.Request.HasFormContentType)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The accounts must be sent as JSON Lines.",
                detail: $"The body was sent as a form ({context.Request.ContentType}), which loses its line breaks. Send the file byte for byte as {JsonLinesMediaType}, e.g. curl --data-binary @accounts.jsonl -H 'Content-Type: {JsonLinesMediaType}'.");
        }

        // The body is streamed, never held whole: a batch has no size limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        return new DecisionStream(engine, instant, options.Value.BatchChunkSize);
    }

    /// <summary>The evaluation instant: the <c>now</c> query parameter (ISO 8601, in UTC or with an offset), or the clock's.</summary>
    private static bool TryGetInstant(string? text, IClock clock, out Instant now, out IResult problem)
    {
        problem = Results.Empty;
        if (text is null)
        {
            now = clock.GetCurrentInstant();
            return true;
        }

        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
        {
            now = instant.Value;
            return true;
        }

        if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } offset)
        {
            now = offset.Value.ToInstant();
            return true;
        }

        now = default;
        problem = TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["now"] = [$"'{text}' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z or 2026-03-09T10:30:00-04:00 (in a query string, write '+' as %2B)"] },
            detail: "The query parameter 'now' is not an instant.",
            title: "The request is not valid.");
        return false;
    }

    // The path is the key; the message says where in the text (and, for a syntax error, at which column).
    private static string Located(PolicyError error)
        => error.Line is { } line ? FormattableString.Invariant($"line {line}: {error.Message}") : error.Message;

    /// <summary>
    /// Reads the request's accounts as JSON Lines and writes one decision per non-blank line to the response, in order.
    /// Every <c>chunkSize</c> lines, the readable accounts are evaluated together as one batch, each unreadable line
    /// becomes its error record (<c>line N</c>) in its place, and the chunk's decisions are flushed: memory stays bounded
    /// by the chunk, whatever the length of the input. Stops when the request is aborted.
    /// </summary>
    private sealed class DecisionStream(ICadenceEngine engine, Instant now, int chunkSize) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            httpContext.Response.ContentType = JsonLinesMediaType;
            await WriteDecisionsAsync(httpContext.Request.Body, httpContext.Response.BodyWriter, httpContext.RequestAborted);
        }

        private async Task WriteDecisionsAsync(Stream input, PipeWriter output, CancellationToken cancellationToken)
        {
            using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);
            var lines = new List<(string Text, int Number)>(chunkSize);
            var read = new AccountReadResult[chunkSize];
            var accounts = new List<BorrowerState>(chunkSize);
            var decisions = new Decision[chunkSize];

            // Lines are numbered from 1 and blank ones skipped, as AccountJson.ReadLines does.
            var number = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } text)
            {
                number++;
                if (!string.IsNullOrWhiteSpace(text))
                {
                    lines.Add((text, number));
                    if (lines.Count == chunkSize && !await WriteChunkAsync())
                    {
                        return;
                    }
                }
            }

            await WriteChunkAsync();

            // Returns false when the client has stopped reading.
            async Task<bool> WriteChunkAsync()
            {
                // Reading an account costs several times evaluating it: the chunk's lines are read in parallel too.
                Parallel.For(0, lines.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => read[i] = AccountJson.Read(lines[i].Text, lines[i].Number));
                for (var i = 0; i < lines.Count; i++)
                {
                    if (read[i].Success)
                    {
                        accounts.Add(read[i].Account!);
                    }
                }

                engine.EvaluateBatch(accounts, decisions, now, cancellationToken);
                var next = 0;
                for (var i = 0; i < lines.Count; i++)
                {
                    Encoding.UTF8.GetBytes(DecisionJson.Write(read[i].Success ? decisions[next++] : read[i].ToErrorDecision()), output);
                    output.Write("\n"u8);
                }

                Array.Clear(read, 0, lines.Count);
                lines.Clear();
                accounts.Clear();
                var flushed = await output.FlushAsync(cancellationToken);
                return !flushed.IsCompleted && !flushed.IsCanceled;
            }
        }
    }
}
