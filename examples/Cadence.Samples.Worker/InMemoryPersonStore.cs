using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Cadence.Json;
using Microsoft.Extensions.Logging;

namespace Cadence.Samples.Worker;

/// <summary>
/// Persons kept in memory, as a sample stands in for the lender's database. Thread-safe: a state is an immutable
/// <see cref="Person"/>, replaced as a whole when an attempt is appended.
/// </summary>
internal sealed partial class InMemoryPersonStore : IPersonStore
{
    private readonly ConcurrentDictionary<string, Person> persons = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];

    /// <summary>Creates the store with <paramref name="initial"/>; a repeated id keeps the first state.</summary>
    /// <param name="initial">The persons.</param>
    public InMemoryPersonStore(IEnumerable<Person> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        foreach (var person in initial)
        {
            if (persons.TryAdd(person.PersonId, person))
            {
                ids.Add(person.PersonId);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> PersonIds => ids;

    /// <summary>
    /// Loads a JSON Lines file of persons and accounts with <see cref="PersonJson.ReadLines(TextReader)"/>, an account
    /// becoming a person of one account; a line that cannot be read is logged as an error, with every problem it has,
    /// and left out.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="logger">Where unreadable lines are reported.</param>
    /// <returns>The store.</returns>
    public static InMemoryPersonStore Load(string path, ILogger<InMemoryPersonStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var loaded = new List<Person>();
        var rejected = 0;
        foreach (var line in PersonJson.ReadLines(reader))
        {
            if (line.ToPerson() is { } person)
            {
                loaded.Add(person);
            }
            else
            {
                rejected++;
                LogRejected(logger, line.Line, string.Join("; ", line.Errors));
            }
        }

        LogLoaded(logger, loaded.Count, loaded.Sum(p => p.Accounts.Length), Path.GetFileName(path), rejected);
        return new InMemoryPersonStore(loaded);
    }

    /// <inheritdoc />
    public bool TryGet(string personId, [NotNullWhen(true)] out Person? person)
        => persons.TryGetValue(personId, out person);

    /// <inheritdoc />
    public void AppendAttempt(string personId, ContactAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        while (true)
        {
            if (!persons.TryGetValue(personId, out var state))
            {
                throw new KeyNotFoundException($"No person '{personId}'.");
            }

            if (persons.TryUpdate(personId, state with { History = state.History.Add(attempt) }, state))
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Line {Line} of the portfolio cannot be read and is left out: {Problems}")]
    private static partial void LogRejected(ILogger logger, int line, string problems);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded {Count} persons with {Accounts} accounts from {File} ({Rejected} lines left out)")]
    private static partial void LogLoaded(ILogger logger, int count, int accounts, string file, int rejected);
}
