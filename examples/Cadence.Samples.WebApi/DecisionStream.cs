using System.Globalization;
using Cadence.Explanations;
using Cadence.Json;
using NodaTime;

namespace Cadence.Samples.WebApi;

/// <summary>
/// The answer of <c>POST /decisions/batch</c>: reads the request's persons and accounts as JSON Lines with
/// <see cref="PersonJson.ReadChunksAsync"/> and writes one decision per non-blank line, in order. The lines are read
/// on a thread of their own, a chunk at a time (<c>BatchChunkSize</c> lines or 8 MiB), while the chunk before is
/// evaluated (its persons as one batch, its accounts as another) and its decisions written into the response's buffer
/// (<see cref="DecisionJson.WriteLine"/>) and flushed: memory stays
/// bounded by the chunks and the longest line, whatever the length of the input. A line that cannot be read (not
/// JSON, not UTF-8, over <c>MaxLineBytes</c>) is its error record, in its place.
/// </summary>
/// <remarks>
/// A body in UTF-16 or UTF-32 is answered <c>415</c>, and one over <c>MaxBatchBytes</c> before any decision is sent
/// <c>413</c>. Once decisions have been sent the status is <c>200</c> for good: a failure after that (the engine throws,
/// the body breaks off or outgrows its limit) ends the answer with one last error record named after the first line
/// not decided, and the answer ends normally, never with a reset. A client that disconnects stops the batch.
/// </remarks>
/// <param name="engine">The engine.</param>
/// <param name="now">The evaluation instant.</param>
/// <param name="options">The chunk size and the limits.</param>
/// <param name="logger">Where a failure is logged.</param>
internal sealed class DecisionStream(ICadenceEngine engine, Instant now, DecisionApiOptions options, ILogger logger) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var body = new BlockingBody(httpContext.Request.Body, stop.Token);
        var chunks = PersonJson.ReadChunksAsync(body, options.BatchChunkSize, PersonJson.DefaultChunkBytes, options.MaxLineBytes, stop.Token).GetAsyncEnumerator(stop.Token);
        try
        {
            await WriteAsync(httpContext, chunks, aborted);
        }
        finally
        {
            // Whatever ended the answer, the body's reads are let go first, then the reader stops, before the request's
            // body is.
            await stop.CancelAsync();
            await chunks.DisposeAsync();
        }
    }

    /// <summary>Evaluates the chunks and writes their decisions, in order; a failure once the answer has started ends it with an error record.</summary>
    private async Task WriteAsync(HttpContext context, IAsyncEnumerator<PersonReadChunk> chunks, CancellationToken aborted)
    {
        var response = context.Response;
        var output = response.BodyWriter;

        // The first line not yet answered.
        var next = 1;
        try
        {
            while (await chunks.MoveNextAsync())
            {
                var chunk = chunks.Current;
                var decisions = chunk.Evaluate(engine, now, aborted);
                Start(response);
                foreach (var decision in decisions)
                {
                    DecisionJson.WriteLine(output, decision);
                }

                next = chunk.Records[^1].Line + 1;
                var flushed = await output.FlushAsync(aborted);
                if (flushed.IsCompleted || flushed.IsCanceled)
                {
                    return;
                }
            }

            // An empty batch is answered with no decisions.
            Start(response);
        }
        catch (Exception e) when (!aborted.IsCancellationRequested)
        {
            if (!response.HasStarted)
            {
                response.Clear();
                switch (e)
                {
                    case InvalidDataException:
                        await RequestBody.NotUtf8(e.Message, RequestBody.JsonLinesMediaTypes).ExecuteAsync(context);
                        return;
                    case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                        await RequestBody.TooLarge(options.MaxBatchBytes ?? 0, "Cadence:MaxBatchBytes").ExecuteAsync(context);
                        return;
                    default:
                        throw;
                }
            }

            DecisionJson.WriteLine(output, Stopped(e, next, context.TraceIdentifier));
            await output.FlushAsync(aborted);
        }
    }

    /// <summary>The last record of a batch that could not go on: named after the first line not decided, saying why.</summary>
    private Decision Stopped(Exception e, int line, string traceId)
    {
        var from = string.Create(CultureInfo.InvariantCulture, $"line {line}");
        if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return Decision.Failed(from, ReasonCode.InvalidAccount, string.Create(CultureInfo.InvariantCulture, $"the batch is over the limit of {options.MaxBatchBytes} bytes (Cadence:MaxBatchBytes): no line from {from} on was read"));
        }

        if (e is BadHttpRequestException bad)
        {
            return Decision.Failed(from, ReasonCode.InvalidAccount, $"the body could not be read ({bad.Message}): no line from {from} on was read");
        }

        logger.LogError(e, "The batch failed at {Line} after its first decisions were sent; it ends with an error record (trace {TraceId}).", from, traceId);
        return Decision.Failed(from, ReasonCode.EvaluationFailed, $"the service failed (trace {traceId}): no line from {from} on was decided; send them again");
    }

    private static void Start(HttpResponse response)
    {
        if (!response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = DecisionEndpoints.JsonLinesMediaType;
        }
    }

    /// <summary>
    /// The request's body, read synchronously (as <see cref="PersonJson.ReadLines(Stream, int)"/> reads) on the reader's
    /// own thread; a read waits until <c>stop</c> is cancelled at most.
    /// </summary>
    private sealed class BlockingBody(Stream body, CancellationToken stop) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
            => body.ReadAsync(buffer.AsMemory(offset, count), stop).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
