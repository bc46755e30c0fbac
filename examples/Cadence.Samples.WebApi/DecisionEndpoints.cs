using System.Text;
using Cadence.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.WebApi;

/// <summary>
/// <c>POST /decisions</c> (one person or account), <c>POST /decisions/batch</c> (JSON Lines in, JSON Lines out) and
/// <c>POST /check</c> (may this contact be made now?). Records are read with <see cref="PersonJson"/>, which reads a
/// person (a record with <c>personId</c>) or an account, and decisions written with <see cref="DecisionJson"/>, in the
/// formats of <c>docs/cli.md</c>: an account gets the account decision it always got, a person the person decision
/// (the accounts it is about, the contact point, the escalations due on its other accounts). Input the reader rejects
/// is a misuse of the API: one record answers 400 with problem details, and a batch line answers an error record in its
/// place. A record the reader accepts but the engine cannot evaluate (an unknown time zone, contact points that
/// contradict each other) is answered with an <c>error</c> decision, a value like any other decision.
/// </summary>
internal static class DecisionEndpoints
{
    /// <summary>The media type of JSON Lines, for batches out.</summary>
    public const string JsonLinesMediaType = "application/x-ndjson";

    // The channels a proposed contact may use, by their names in the record formats (call, sms…).
    private static readonly Dictionary<string, Channel> Channels =
        Enum.GetValues<Channel>().Where(c => c != Channel.None).ToDictionary(c => c.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    private static readonly string ChannelNames = string.Join(", ", Channels.OrderBy(c => c.Value).Select(c => c.Key));

    /// <summary><c>POST /decisions[?now=instant]</c>: one person or account as JSON; 200 with its decision, or 400 with problem details.</summary>
    /// <param name="request">The request; its body is the person or account.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="clock">Gives the evaluation instant when <paramref name="now"/> is not given.</param>
    /// <param name="options">The largest body.</param>
    /// <param name="now">The evaluation instant, ISO 8601, from the query string.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The result.</returns>
    public static async Task<IResult> DecideAsync(HttpRequest request, ICadenceEngine engine, IClock clock, IOptions<DecisionApiOptions> options, string? now, CancellationToken cancellationToken)
    {
        if (!TryGetInstant(now, clock, out var instant, out var nowProblem))
        {
            return nowProblem;
        }

        var (read, problem) = await ReadRecordAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        return read!.Success
            ? TypedResults.Text(DecisionJson.Write(read.Evaluate(engine, instant)), "application/json", Encoding.UTF8)
            : Unreadable(read);
    }

    /// <summary>
    /// <c>POST /check?channel=call[&amp;point=id][&amp;account=id]…[&amp;step=id][&amp;now=instant]</c>: may this contact be
    /// made with the person (or account) of the body now? 200 with the answer (<c>allowed</c>, or the earliest instant
    /// it would be, and the rules that decided; a contact that cannot be checked, such as one on an unknown point, is
    /// not allowed and says why under <c>error</c>), or 400 with problem details. The parameters are those of
    /// <c>cadence check</c>: <c>account</c> may be repeated, and left out the contact is about every account.
    /// </summary>
    /// <param name="request">The request; its body is the person or account.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="clock">Gives the evaluation instant when <paramref name="now"/> is not given.</param>
    /// <param name="options">The largest body.</param>
    /// <param name="channel">The channel of the proposed contact: email, sms, call, letter, visit or push.</param>
    /// <param name="point">The contact point it would use, by id; needed when the person has several on the channel.</param>
    /// <param name="account">The accounts it would be about; none: every account.</param>
    /// <param name="step">The policy step it would serve, if any.</param>
    /// <param name="now">The instant asked about, ISO 8601.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The result.</returns>
    public static async Task<IResult> CheckAsync(
        HttpRequest request,
        ICadenceEngine engine,
        IClock clock,
        IOptions<DecisionApiOptions> options,
        [FromQuery] string? channel,
        [FromQuery] string? point,
        [FromQuery] string[]? account,
        [FromQuery] string? step,
        [FromQuery] string? now,
        CancellationToken cancellationToken)
    {
        if (!TryGetInstant(now, clock, out var instant, out var nowProblem))
        {
            return nowProblem;
        }

        if (!Channels.TryGetValue(channel ?? string.Empty, out var proposed))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["channel"] = [channel is null ? "the channel of the proposed contact is required" : $"'{channel}' is not one of {ChannelNames}"] },
                detail: $"The query parameter 'channel' must be one of {ChannelNames}.",
                title: "The request is not valid.");
        }

        var (read, problem) = await ReadRecordAsync(request, options.Value, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!read!.Success)
        {
            return Unreadable(read);
        }

        var contact = new ProposedContact(proposed, point) { AccountIds = [.. account ?? []], StepId = step };
        return TypedResults.Text(DecisionJson.Write(engine.Check(read.ToPerson()!, contact, instant)), "application/json", Encoding.UTF8);
    }

    /// <summary>
    /// <c>POST /decisions/batch[?now=instant]</c>: persons and accounts as JSON Lines, in any mix; 200 with one decision
    /// per non-blank line, in order, streamed as JSON Lines while the request is still being read.
    /// </summary>
    /// <param name="context">The request's context; its body is the persons and accounts.</param>
    /// <param name="engine">The engine.</param>
    /// <param name="clock">Gives the evaluation instant when <paramref name="now"/> is not given.</param>
    /// <param name="options">The chunk size and the limits.</param>
    /// <param name="loggers">Gives the logger of a batch that fails while it is streamed.</param>
    /// <param name="now">The evaluation instant, ISO 8601, from the query string.</param>
    /// <returns>The result.</returns>
    public static IResult DecideBatch(HttpContext context, ICadenceEngine engine, IClock clock, IOptions<DecisionApiOptions> options, ILoggerFactory loggers, string? now)
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
                title: "The persons and accounts must be sent as JSON Lines.",
                detail: $"The body was sent as a form ({context.Request.ContentType}), which loses its line breaks. Send the file byte for byte as {JsonLinesMediaType}, e.g. curl --data-binary @accounts.jsonl -H 'Content-Type: {JsonLinesMediaType}'.");
        }

        if (RequestBody.UnsupportedMediaType(context.Request, RequestBody.JsonLinesMediaTypes) is { } unsupported)
        {
            return unsupported;
        }

        // The body is streamed, never held whole: by default a batch has no size limit, only its lines have.
        var limit = options.Value.MaxBatchBytes;
        if (context.Request.ContentLength > limit)
        {
            return RequestBody.TooLarge(limit.Value, "Cadence:MaxBatchBytes");
        }

        RequestBody.Limit(context, limit);
        return new DecisionStream(engine, instant, options.Value, loggers.CreateLogger(typeof(DecisionStream)));
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

    /// <summary>Reads the request's body as one person or account, or answers why it cannot be read (415, 413).</summary>
    private static async Task<(PersonReadResult? Read, IResult? Problem)> ReadRecordAsync(HttpRequest request, DecisionApiOptions options, CancellationToken cancellationToken)
    {
        if (RequestBody.UnsupportedMediaType(request, RequestBody.JsonMediaTypes) is { } unsupported)
        {
            return (null, unsupported);
        }

        var (bytes, problem) = await RequestBody.ReadRecordAsync(request, options.MaxRecordBytes, cancellationToken);
        return problem is null ? (PersonJson.Read(bytes.Span), null) : (null, problem);
    }

    /// <summary>400 with every problem of a record, keyed by its JSON path.</summary>
    private static IResult Unreadable(PersonReadResult read)
        => TypedResults.ValidationProblem(
            read.Errors.GroupBy(e => e.Path).ToDictionary(g => g.Key, g => g.Select(Located).ToArray()),
            detail: string.Join("; ", read.Errors),
            title: "The person or account could not be read.");

    // The path is the key; the message says where in the text (and, for a syntax error, at which column).
    private static string Located(PolicyError error)
        => error.Line is { } line ? FormattableString.Invariant($"line {line}: {error.Message}") : error.Message;
}
