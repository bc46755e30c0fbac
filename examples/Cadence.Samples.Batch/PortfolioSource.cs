using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cadence.Json;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Samples.Batch;

/// <summary>Where the batch's accounts come from, a chunk at a time, so that a million accounts never sit in memory at once.</summary>
internal abstract class PortfolioSource : IDisposable
{
    /// <summary>Says where the accounts come from, for the report.</summary>
    public abstract string Description { get; }

    /// <summary>What producing the accounts is called in the timings: generation or reading.</summary>
    public abstract string Phase { get; }

    /// <summary>The progress when every account has been produced.</summary>
    public abstract long ProgressTotal { get; }

    /// <summary>The progress so far, in the unit of <see cref="ProgressTotal"/>.</summary>
    public abstract long Progress { get; }

    /// <summary>Produces the next accounts into <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Where the accounts go.</param>
    /// <param name="tally">Where a line that cannot be read is counted, as an error decision.</param>
    /// <returns>How many accounts were produced; 0 when there are no more.</returns>
    public abstract int Fill(BorrowerState[] buffer, BatchTally tally);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the source's file, if it has one.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}

/// <summary>
/// Synthetic accounts from <see cref="SyntheticPortfolio.Generate"/> with its default options (US zones, due dates
/// from 60 days past to 10 days ahead, up to 12 attempts in the last 30 days), in blocks of <see cref="BlockSize"/>:
/// block <c>k</c> is generated with the seed <c>seed × 1 000 003 + k</c>, and its accounts are numbered on from the
/// previous block's (<c>ACC-0000000</c>, <c>ACC-0000001</c>…). The same count, instant and seed give the same accounts
/// on every machine, whatever the chunk size.
/// </summary>
internal sealed class GeneratedPortfolio(int count, Instant start, int seed) : PortfolioSource
{
    /// <summary>How many accounts one call of the generator makes.</summary>
    public const int BlockSize = 10_000;

    private int produced;
    private ImmutableArray<BorrowerState> block = [];
    private int blockNext;

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"{count:N0} synthetic accounts (seed {seed})");

    /// <inheritdoc />
    public override string Phase => "Generation";

    /// <inheritdoc />
    public override long ProgressTotal => count;

    /// <inheritdoc />
    public override long Progress => produced;

    /// <inheritdoc />
    public override int Fill(BorrowerState[] buffer, BatchTally tally)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var filled = 0;
        while (filled < buffer.Length && produced < count)
        {
            if (blockNext == block.Length)
            {
                var index = produced / BlockSize;
                block = SyntheticPortfolio.Generate(Math.Min(BlockSize, count - produced), start, unchecked((seed * 1_000_003) + index));
                blockNext = 0;
            }

            var account = block[blockNext++];
            buffer[filled++] = account with { AccountId = string.Create(CultureInfo.InvariantCulture, $"ACC-{produced:D7}") };
            produced++;
        }

        return filled;
    }
}

/// <summary>Accounts read from a JSON Lines file with <see cref="AccountJson.ReadLines(TextReader)"/>; progress is counted in bytes.</summary>
internal sealed class JsonLinesPortfolio : PortfolioSource
{
    private readonly FileStream stream;
    private readonly StreamReader reader;
    private readonly IEnumerator<AccountReadResult> lines;
    private readonly string name;

    /// <summary>Opens the file.</summary>
    /// <param name="file">The file.</param>
    public JsonLinesPortfolio(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        name = file.Name;
        stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        lines = AccountJson.ReadLines(reader).GetEnumerator();
    }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"{name} ({stream.Length:N0} bytes)");

    /// <inheritdoc />
    public override string Phase => "Reading";

    /// <inheritdoc />
    public override long ProgressTotal => stream.Length;

    /// <inheritdoc />
    public override long Progress => stream.Position;

    /// <inheritdoc />
    public override int Fill(BorrowerState[] buffer, BatchTally tally)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(tally);
        var filled = 0;
        while (filled < buffer.Length && lines.MoveNext())
        {
            var line = lines.Current;
            if (line.Account is { } account)
            {
                buffer[filled++] = account;
            }
            else
            {
                tally.Unreadable(line);
            }
        }

        return filled;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lines.Dispose();
            reader.Dispose();
            stream.Dispose();
        }

        base.Dispose(disposing);
    }
}
