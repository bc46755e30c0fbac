using System.Globalization;
using Cadence.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Cadence.Samples.WebApi;

/// <summary>
/// What a request body must be before it is read: its media type, its encoding (UTF-8) and its size. Every refusal is
/// a 4xx with problem details that says what was expected; none of them is ever a 500.
/// </summary>
internal static class RequestBody
{
    /// <summary>The media types of one record.</summary>
    public static readonly string[] JsonMediaTypes = ["application/json"];

    /// <summary>The media types of a batch, JSON Lines: the first is the one the answer is written in.</summary>
    public static readonly string[] JsonLinesMediaTypes = [DecisionEndpoints.JsonLinesMediaType, "application/jsonl", "application/json-lines", "application/x-jsonlines"];

    /// <summary>
    /// <see langword="null"/> when the body is declared as one of <paramref name="accepted"/>, in UTF-8 (with or without
    /// a <c>charset</c>); otherwise <c>415</c> naming the media types accepted.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="accepted">The media types accepted.</param>
    /// <returns>The problem, or <see langword="null"/>.</returns>
    public static IResult? UnsupportedMediaType(HttpRequest request, string[] accepted)
    {
        var expected = string.Join(", ", accepted);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !accepted.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            var sent = request.ContentType is { Length: > 0 } contentType ? $"as {contentType}" : "without a Content-Type";
            return Unsupported("The body's media type is not supported.", $"The body was sent {sent}. Send it as {expected}.", accepted);
        }

        return type.Charset.Value is { Length: > 0 } charset && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? Unsupported("The body's encoding is not supported.", $"The body was sent in {charset}. Send it in UTF-8, as {expected}.", accepted)
            : null;
    }

    /// <summary><c>415</c>: the body is UTF-16 or UTF-32, as <paramref name="message"/> (the reader's) names it.</summary>
    /// <param name="message">What the body's encoding is.</param>
    /// <param name="accepted">The media types accepted.</param>
    /// <returns>The problem.</returns>
    public static IResult NotUtf8(string message, string[] accepted)
        => Unsupported("The body's encoding is not supported.", $"{Capitalized(message)}.", accepted);

    /// <summary>Sets the largest body Kestrel reads for this request; <see langword="null"/>: none.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="limit">The limit in bytes.</param>
    public static void Limit(HttpContext context, long? limit)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
    }

    /// <summary><c>413</c>: the body is over <paramref name="limit"/> bytes, the value of <paramref name="setting"/>.</summary>
    /// <param name="limit">The limit in bytes.</param>
    /// <param name="setting">The setting that holds it.</param>
    /// <returns>The problem.</returns>
    public static IResult TooLarge(long limit, string setting)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The body is too large.",
            detail: string.Create(CultureInfo.InvariantCulture, $"The body is over the limit of {limit} bytes ({setting})."),
            extensions: new Dictionary<string, object?> { ["limit"] = limit });

    /// <summary>
    /// Reads the whole body of one record, at most <paramref name="limit"/> bytes: the bytes, or <c>413</c> when it is
    /// longer, or <c>415</c> when it is UTF-16 or UTF-32. A UTF-8 byte order mark is skipped.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="limit">The largest body read, in bytes.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The bytes, or the problem.</returns>
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadRecordAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var tooLarge = TooLarge(limit, "Cadence:MaxRecordBytes");
        Limit(request.HttpContext, limit);
        if (request.ContentLength > limit)
        {
            return (default, tooLarge);
        }

        using var body = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return (default, tooLarge);
                }

                body.Write(buffer, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (default, tooLarge);
        }

        var bytes = body.GetBuffer().AsMemory(0, (int)body.Length);
        if (EncodingProblem(bytes.Span) is { } problem)
        {
            return (default, NotUtf8(problem, JsonMediaTypes));
        }

        return (bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes, null);
    }

    /// <summary>
    /// Why the bytes are not UTF-8 (they are UTF-16 or UTF-32), or <see langword="null"/>: the JSON Lines reader tells,
    /// from their first character, so that a record and a batch are refused alike.
    /// </summary>
    private static string? EncodingProblem(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var head = new MemoryStream(bytes[..Math.Min(4, bytes.Length)].ToArray());
            _ = PersonJson.ReadLines(head, maxLineBytes: 4).Any();
            return null;
        }
        catch (InvalidDataException e)
        {
            return e.Message;
        }
    }

    private static IResult Unsupported(string title, string detail, string[] accepted)
        => TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: title,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["supportedMediaTypes"] = accepted });

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
