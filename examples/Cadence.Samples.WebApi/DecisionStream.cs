using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Cadence.Explanations;
using Cadence.Json;
using NodaTime;

namespace Cadence.Samples.WebApi;

/// <summary>
/// The answer of <c>POST /decisions/batch</c>: reads the request's persons and accounts as JSON Lines with
/// <see cref="PersonJson.ReadLines(Stream, int)"/> and writes one decision per non-blank line, in order. The lines are
/// read on a thread of their own, a chunk at a time (<c>BatchChunkSize</c> lines or 8 MiB), while the chunk before is
/// evaluated (its persons as one batch, its accounts as another) and its decisions written and flushed: memory stays
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
    // A chunk is cut at this many bytes of input too, so that long lines do not make a chunk of 4096 lines huge.
    private const long ChunkBytes = 8 * 1024 * 1024;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var body = new BlockingBody(httpContext.Request.Body, stop.Token);
        var chunks = System.Threading.Channels.Channel.CreateBounded<List<PersonReadResult>>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });

        // The reader blocks on the body: on a thread of its own, not one of the pool's.
        var reading = Task.Factory.StartNew(() => Read(body, chunks.Writer, stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await WriteAsync(httpContext, chunks.Reader, aborted);
        }
        finally
        {
            // Whatever ended the answer, the reader stops too, before the request's body is let go.
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>Reads the lines into chunks until the end of the body; a failure completes the chunks with it.</summary>
    private void Read(BlockingBody body, ChannelWriter<List<PersonReadResult>> chunks, CancellationToken stop)
    {
        try
        {
            var chunk = new List<PersonReadResult>();
            var start = 0L;
            foreach (var record in PersonJson.ReadLines(body, options.MaxLineBytes))
            {
                chunk.Add(record);
                if (chunk.Count >= options.BatchChunkSize || body.Position - start >= ChunkBytes)
                {
                    chunks.WriteAsync(chunk, stop).AsTask().GetAwaiter().GetResult();
                    chunk = [];
                    start = body.Position;
                }
            }

            if (chunk.Count > 0)
            {
                chunks.WriteAsync(chunk, stop).AsTask().GetAwaiter().GetResult();
            }

            chunks.Complete();
        }
        catch (Exception e)
        {
            chunks.Complete(e);
        }
    }

    /// <summary>Evaluates the chunks and writes their decisions, in order; a failure once the answer has started ends it with an error record.</summary>
    private async Task WriteAsync(HttpContext context, ChannelReader<List<PersonReadResult>> chunks, CancellationToken aborted)
    {
        var response = context.Response;
        var output = response.BodyWriter;
        var accounts = new List<BorrowerState>();
        var persons = new List<Person>();

        // The first line not yet answered.
        var next = 1;
        try
        {
            while (await chunks.WaitToReadAsync(aborted))
            {
                while (chunks.TryRead(out var chunk))
                {
                    accounts.Clear();
                    persons.Clear();
                    foreach (var read in chunk)
                    {
                        if (read.Account is { } account)
                        {
                            accounts.Add(account);
                        }
                        else if (read.Person is { } person)
                        {
                            persons.Add(person);
                        }
                    }

                    var accountDecisions = engine.EvaluateBatch(accounts, now, aborted);
                    var personDecisions = engine.EvaluateBatch(persons, now, aborted);
                    Start(response);
                    int nextAccount = 0, nextPerson = 0;
                    foreach (var read in chunk)
                    {
                        var decision = read.Account is not null ? accountDecisions[nextAccount++]
                            : read.Person is not null ? personDecisions[nextPerson++]
                            : read.ToErrorDecision();
                        Write(output, decision);
                    }

                    next = chunk[^1].Line + 1;
                    var flushed = await output.FlushAsync(aborted);
                    if (flushed.IsCompleted || flushed.IsCanceled)
                    {
                        return;
                    }
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

            Write(output, Stopped(e, next, context.TraceIdentifier));
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

    private static void Write(PipeWriter output, Decision decision)
    {
        Encoding.UTF8.GetBytes(DecisionJson.Write(decision), output);
        output.Write("\n"u8);
    }

    /// <summary>
    /// The request's body, read synchronously (as <see cref="PersonJson.ReadLines(Stream, int)"/> reads) on the reader's
    /// own thread; a read waits until <c>stop</c> is cancelled at most. Counts the bytes read.
    /// </summary>
    private sealed class BlockingBody(Stream body, CancellationToken stop) : Stream
    {
        private long read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => read;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = body.ReadAsync(buffer.AsMemory(offset, count), stop).AsTask().GetAwaiter().GetResult();
            read += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
