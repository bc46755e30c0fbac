using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Cadence.Json;
using Cadence.Simulation;
using NodaTime;

namespace Cadence.Samples.Batch;

/// <summary>
/// Where the batch's persons come from, a chunk at a time, so that a million of them never sit in memory at once. A
/// person is the unit: their accounts come together, in the same chunk, and are decided together. An account of a file
/// of accounts, or a generated account, is a person of one account.
/// </summary>
internal abstract class PortfolioSource : IDisposable
{
    /// <summary>Says where the persons come from, for the report.</summary>
    public abstract string Description { get; }

    /// <summary>What producing the persons is called in the timings: generation or reading.</summary>
    public abstract string Phase { get; }

    /// <summary>The progress when every person has been produced.</summary>
    public abstract long ProgressTotal { get; }

    /// <summary>The progress so far, in the unit of <see cref="ProgressTotal"/>.</summary>
    public abstract long Progress { get; }

    /// <summary>Produces the next persons into <paramref name="buffer"/>.</summary>
    /// <param name="buffer">Where the persons go.</param>
    /// <param name="tally">Where a line that cannot be read is counted, as an error decision.</param>
    /// <returns>How many persons were produced; 0 when there are no more.</returns>
    public abstract int Fill(Person[] buffer, BatchTally tally);

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
/// Synthetic accounts from <see cref="SyntheticPortfolio.Generate"/>, each a person of one account, or synthetic
/// persons from <see cref="SyntheticPortfolio.GeneratePersons"/> (one to three accounts each, 70/20/10, and up to three
/// contact points per channel), with the default options (US zones, due dates from 60 days past to 10 days ahead, up
/// to 12 attempts in the last 30 days), in blocks of <see cref="BlockSize"/>: block <c>k</c> is generated with the seed
/// <c>seed × 1 000 003 + k</c>, and its accounts (or persons) are numbered on from the previous block's
/// (<c>ACC-0000000</c>, <c>ACC-0000001</c>… or <c>PER-0000000</c>…; a person's accounts keep the numbers of their
/// block). The same count, instant and seed give the same portfolio on every machine, whatever the chunk size.
/// </summary>
internal sealed class GeneratedPortfolio : PortfolioSource
{
    /// <summary>How many accounts or persons one call of the generator makes.</summary>
    public const int BlockSize = 10_000;

    private readonly int count;
    private readonly Instant start;
    private readonly int seed;
    private readonly bool persons;
    private int produced;
    private ImmutableArray<Person> block = [];
    private int blockNext;

    /// <summary>Creates the source.</summary>
    /// <param name="count">How many accounts, or persons.</param>
    /// <param name="start">The instant the portfolio is taken at.</param>
    /// <param name="seed">The seed.</param>
    /// <param name="persons">Whether to generate persons of one or more accounts rather than accounts.</param>
    public GeneratedPortfolio(int count, Instant start, int seed, bool persons = false)
    {
        this.count = count;
        this.start = start;
        this.seed = seed;
        this.persons = persons;
    }

    /// <inheritdoc />
    public override string Description => string.Create(CultureInfo.InvariantCulture, $"{count:N0} synthetic {(persons ? "persons" : "accounts")} (seed {seed})");

    /// <inheritdoc />
    public override string Phase => "Generation";

    /// <inheritdoc />
    public override long ProgressTotal => count;

    /// <inheritdoc />
    public override long Progress => produced;

    /// <inheritdoc />
    public override int Fill(Person[] buffer, BatchTally tally)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var filled = 0;
        while (filled < buffer.Length && produced < count)
        {
            if (blockNext == block.Length)
            {
                var size = Math.Min(BlockSize, count - produced);
                var blockSeed = unchecked((seed * 1_000_003) + (produced / BlockSize));
                block = persons
                    ? SyntheticPortfolio.GeneratePersons(size, start, blockSeed)
                    : [.. SyntheticPortfolio.Generate(size, start, blockSeed).Select(Person.FromAccount)];
                blockNext = 0;
            }

            var person = block[blockNext++];
            var id = string.Create(CultureInfo.InvariantCulture, $"{(persons ? "PER" : "ACC")}-{produced:D7}");
            buffer[filled++] = persons ? person with { PersonId = id } : Renamed(person, id);
            produced++;
        }

        return filled;
    }

    // An account's person is named after the account, and so is its only account.
    private static Person Renamed(Person person, string id)
        => person with { PersonId = id, Accounts = [person.Accounts[0] with { AccountId = id }] };
}

/// <summary>
/// Persons and accounts read from a JSON Lines file with <see cref="PersonJson.ReadLines(TextReader)"/>, in any mix, an
/// account becoming a person of one account; progress is counted in bytes.
/// </summary>
internal sealed class JsonLinesPortfolio : PortfolioSource
{
    private readonly FileStream stream;
    private readonly StreamReader reader;
    private readonly IEnumerator<PersonReadResult> lines;
    private readonly string name;

    /// <summary>Opens the file.</summary>
    /// <param name="file">The file.</param>
    public JsonLinesPortfolio(FileInfo file)
    {
        ArgumentNullException.ThrowIfNull(file);
        name = file.Name;
        stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        lines = PersonJson.ReadLines(reader).GetEnumerator();
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
    public override int Fill(Person[] buffer, BatchTally tally)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(tally);
        var filled = 0;
        while (filled < buffer.Length && lines.MoveNext())
        {
            var line = lines.Current;
            if (line.ToPerson() is { } person)
            {
                buffer[filled++] = person;
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
