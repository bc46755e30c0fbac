using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Cadence.Json;
using Microsoft.Extensions.Logging;

namespace Cadence.Samples.Worker;

/// <summary>
/// Accounts kept in memory, as a sample stands in for the lender's database. Thread-safe: a state is an immutable
/// <see cref="BorrowerState"/>, replaced as a whole when an attempt is appended.
/// </summary>
internal sealed partial class InMemoryAccountStore : IAccountStore
{
    private readonly ConcurrentDictionary<string, BorrowerState> accounts = new(StringComparer.Ordinal);
    private readonly List<string> ids = [];

    /// <summary>Creates the store with <paramref name="initial"/>; a repeated id keeps the first state.</summary>
    /// <param name="initial">The accounts.</param>
    public InMemoryAccountStore(IEnumerable<BorrowerState> initial)
    {
        ArgumentNullException.ThrowIfNull(initial);
        foreach (var account in initial)
        {
            if (accounts.TryAdd(account.AccountId, account))
            {
                ids.Add(account.AccountId);
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> AccountIds => ids;

    /// <summary>
    /// Loads a JSON Lines file of accounts with <see cref="AccountJson.ReadLines(TextReader)"/>; a line that cannot be read is
    /// logged as an error, with every problem it has, and left out.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="logger">Where unreadable lines are reported.</param>
    /// <returns>The store.</returns>
    public static InMemoryAccountStore Load(string path, ILogger<InMemoryAccountStore> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        using var reader = new StreamReader(path, Encoding.UTF8);
        var loaded = new List<BorrowerState>();
        var rejected = 0;
        foreach (var line in AccountJson.ReadLines(reader))
        {
            if (line.Account is { } account)
            {
                loaded.Add(account);
            }
            else
            {
                rejected++;
                LogRejected(logger, line.Line, string.Join("; ", line.Errors));
            }
        }

        LogLoaded(logger, loaded.Count, Path.GetFileName(path), rejected);
        return new InMemoryAccountStore(loaded);
    }

    /// <inheritdoc />
    public bool TryGet(string accountId, [NotNullWhen(true)] out BorrowerState? account)
        => accounts.TryGetValue(accountId, out account);

    /// <inheritdoc />
    public void AppendAttempt(string accountId, ContactAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        while (true)
        {
            if (!accounts.TryGetValue(accountId, out var state))
            {
                throw new KeyNotFoundException($"No account '{accountId}'.");
            }

            if (accounts.TryUpdate(accountId, state with { History = state.History.Add(attempt) }, state))
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Line {Line} of the portfolio cannot be read and is left out: {Problems}")]
    private static partial void LogRejected(ILogger logger, int line, string problems);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Loaded {Count} accounts from {File} ({Rejected} lines left out)")]
    private static partial void LogLoaded(ILogger logger, int count, string file, int rejected);
}
