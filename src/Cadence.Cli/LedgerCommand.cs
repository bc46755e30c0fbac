using System.CommandLine;
using System.Globalization;
using System.Text;
using Cadence.Ledger;
using Cadence.Ledger.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Cadence.Cli;

/// <summary>
/// <c>cadence ledger</c>: the contact ledger's SQLite database from the command line: <c>init</c> creates or migrates
/// it, <c>import</c> records persons' histories, <c>audit</c> prints what it holds about a person, <c>replay</c>
/// re-evaluates a stored decision, <c>erase</c> pseudonymises a person.
/// </summary>
internal static class LedgerCommand
{
    /// <summary>The environment variable the pseudonym key of <c>erase</c> is read from, when no <c>--key-file</c> is given.</summary>
    public const string KeyVariable = "CADENCE_LEDGER_KEY";

    public static Command Create(IClock clock, Func<string, string?> environment)
    {
        var command = new Command("ledger", "The contact ledger's database: create it, import histories, audit a person, replay a decision, erase a person.")
        {
            Init(),
            Import(),
            Audit(),
            Replay(),
            Erase(clock, environment),
        };
        return command;
    }

    private static Option<FileInfo> DatabaseOption(bool mustExist)
    {
        var option = new Option<FileInfo>("--database") { Description = "The ledger's SQLite database file.", Required = true, HelpName = "file" };
        return mustExist ? option.AcceptExistingOnly() : option;
    }

    private static Command Init()
    {
        var database = DatabaseOption(mustExist: false);
        var command = new Command("init", "Creates the ledger's database, or applies the migrations it lacks; prints the schema version. Idempotent.") { database };
        command.SetAction(async (parsed, ct) =>
        {
            var console = parsed.InvocationConfiguration;
            var file = parsed.GetRequiredValue(database);
            return await GuardAsync(file, console, async () =>
            {
                var store = new SqliteLedgerStore(ConnectionString(file, create: true));
                var before = await store.GetAppliedSchemaVersionsAsync(ct).ConfigureAwait(false);
                await store.InitializeAsync(ct).ConfigureAwait(false);
                var after = await store.GetAppliedSchemaVersionsAsync(ct).ConfigureAwait(false);
                var applied = after.Length - before.Length;
                console.Output.WriteLine(Invariant($"{file}: schema version {after[^1]}{(applied == 0 ? " (up to date)" : $" ({applied} migration{(applied == 1 ? string.Empty : "s")} applied)")}"));
                return CliApp.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Import()
    {
        var database = DatabaseOption(mustExist: true);
        var policy = CliApp.FileOption("--policy", "The policy file the ledger decides with.");
        var accounts = CliApp.FileOption("--accounts", "The persons and accounts, JSON Lines: one per line; an account is a person of one account.");
        var command = new Command("import", "Records the histories (attempts) of the persons of a JSON Lines file in the ledger; attempts already stored are not stored again.")
        {
            database, policy, accounts,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var console = parsed.InvocationConfiguration;
            var file = parsed.GetRequiredValue(database);
            var policyFile = parsed.GetRequiredValue(policy);
            var accountsFile = parsed.GetRequiredValue(accounts);
            var code = CliApp.ReadPolicy(policyFile, console.Error, out var read);
            if (read is null)
            {
                return code;
            }

            if (!CliApp.TryRead(policyFile, console.Error, () => LedgerPolicy.FromFile(policyFile.FullName), out var evidence)
                || !CliApp.TryRead(accountsFile, console.Error, () => CliApp.ReadRecordLines(accountsFile), out var records))
            {
                return CliApp.Usage;
            }

            return await GuardAsync(file, console, async () =>
            {
                if (await OpenAsync(file, console.Error, ct).ConfigureAwait(false) is not { } store)
                {
                    return CliApp.Usage;
                }

                var ledger = new ContactLedger(store, evidence);
                int persons = 0, added = 0, failed = 0;
                foreach (var record in records)
                {
                    if (record.ToPerson() is not { } person)
                    {
                        failed++;
                        foreach (var error in record.Errors.Take(CliApp.MaxProblemsShown))
                        {
                            console.Error.WriteLine($"{accountsFile}: {error}");
                        }

                        console.Error.WriteLine(Invariant($"{accountsFile}: line {record.Line} skipped"));
                        continue;
                    }

                    persons++;
                    added += await ledger.ImportHistoryAsync(person, ct).ConfigureAwait(false);
                }

                console.Output.WriteLine(Invariant($"{accountsFile}: {persons} person{S(persons)} imported, {added} attempt{S(added)} stored{(failed == 0 ? string.Empty : $", {failed} line{S(failed)} skipped")}"));
                return failed == 0 ? CliApp.Success : CliApp.Invalid;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Audit()
    {
        var person = new Argument<string>("person") { Description = "The person's id (or, after erasure, their pseudonym)." };
        var database = DatabaseOption(mustExist: true);
        var json = new Option<bool>("--json") { Description = "Prints JSON Lines, one record per line, instead of text." };
        var command = new Command("audit", "Prints what the ledger holds about a person, in time order: decisions, reservations and their events, attempts.")
        {
            person, database, json,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var console = parsed.InvocationConfiguration;
            var file = parsed.GetRequiredValue(database);
            var personId = parsed.GetRequiredValue(person);
            return await GuardAsync(file, console, async () =>
            {
                if (await OpenAsync(file, console.Error, ct).ConfigureAwait(false) is not { } store)
                {
                    return CliApp.Usage;
                }

                var audit = await new LedgerRecords(store).GetAuditAsync(personId, ct).ConfigureAwait(false);
                if (audit.IsEmpty)
                {
                    console.Error.WriteLine($"cadence: the ledger holds nothing about '{personId}'");
                    return CliApp.NotFound;
                }

                var hashes = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var id in audit.Decisions.Select(d => d.PolicyId).Distinct())
                {
                    hashes[id] = (await store.GetPolicyAsync(id, ct).ConfigureAwait(false))?.Sha256;
                }

                var lines = LedgerAuditText.Entries(audit, hashes, parsed.GetValue(json));
                foreach (var line in lines)
                {
                    console.Output.WriteLine(line);
                }

                return CliApp.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Replay()
    {
        var decision = new Argument<long>("decision") { Description = "The stored decision's id." };
        var database = DatabaseOption(mustExist: true);
        var command = new Command("replay", "Evaluates a stored decision again with its stored inputs and policy, and says whether it gives the same decision.")
        {
            decision, database,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var console = parsed.InvocationConfiguration;
            var file = parsed.GetRequiredValue(database);
            var id = parsed.GetValue(decision);
            return await GuardAsync(file, console, async () =>
            {
                if (await OpenAsync(file, console.Error, ct).ConfigureAwait(false) is not { } store)
                {
                    return CliApp.Usage;
                }

                var result = await new LedgerRecords(store).ReplayAsync(id, ct).ConfigureAwait(false);
                switch (result.Status)
                {
                    case ReplayStatus.Same:
                        console.Output.WriteLine(Invariant($"decision {id}: same: {result.Message}"));
                        return CliApp.Success;
                    case ReplayStatus.Different:
                        console.Output.WriteLine(Invariant($"decision {id}: different: {result.Message}"));
                        console.Output.WriteLine($"  stored:   {result.Stored}");
                        console.Output.WriteLine($"  replayed: {result.Replayed}");
                        return CliApp.ReplayDifferent;
                    default:
                        console.Error.WriteLine(Invariant($"cadence: decision {id}: refused: {result.Message}"));
                        return CliApp.ReplayRefused;
                }
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Erase(IClock clock, Func<string, string?> environment)
    {
        var person = new Argument<string>("person") { Description = "The person's id." };
        var database = DatabaseOption(mustExist: true);
        var now = CliApp.NowOption(clock);
        var keyFile = new Option<FileInfo>("--key-file")
        {
            Description = $"A file holding the secret key pseudonyms are made with (its text, UTF-8, without the final line break); {KeyVariable} holds it otherwise.",
            HelpName = "file",
        }.AcceptExistingOnly();
        var command = new Command("erase", "Erases a person: replaces their ids everywhere by a keyed pseudonym, which it prints; the evidence stays and still replays.")
        {
            person, database, now, keyFile,
        };
        command.SetAction(async (parsed, ct) =>
        {
            var console = parsed.InvocationConfiguration;
            var file = parsed.GetRequiredValue(database);
            var personId = parsed.GetRequiredValue(person);
            var keyText = parsed.GetValue(keyFile) is { } kf
                ? (CliApp.TryRead(kf, console.Error, () => File.ReadAllText(kf.FullName, Encoding.UTF8), out var text) ? text.TrimEnd('\r', '\n') : null)
                : environment(KeyVariable);
            if (string.IsNullOrEmpty(keyText))
            {
                console.Error.WriteLine($"cadence: erasing needs the secret key pseudonyms are made with: give --key-file or set {KeyVariable}");
                return CliApp.Usage;
            }

            return await GuardAsync(file, console, async () =>
            {
                if (await OpenAsync(file, console.Error, ct).ConfigureAwait(false) is not { } store)
                {
                    return CliApp.Usage;
                }

                var records = new LedgerRecords(store, new LedgerOptions { PseudonymKey = Encoding.UTF8.GetBytes(keyText) });
                if ((await records.GetAuditAsync(personId, ct).ConfigureAwait(false)).IsEmpty)
                {
                    console.Error.WriteLine($"cadence: the ledger holds nothing about '{personId}'");
                    return CliApp.NotFound;
                }

                var pseudonym = await records.EraseAsync(personId, parsed.GetValue(now), ct).ConfigureAwait(false);
                console.Output.WriteLine($"{personId}: erased as {pseudonym}");
                return CliApp.Success;
            }).ConfigureAwait(false);
        });
        return command;
    }

    private static string ConnectionString(FileInfo file, bool create)
        => new SqliteConnectionStringBuilder { DataSource = file.FullName, Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    /// <summary>Opens an existing ledger database; <see langword="null"/>, with the reason printed, for one that is not initialised or not up to date.</summary>
    private static async Task<SqliteLedgerStore?> OpenAsync(FileInfo file, TextWriter stderr, CancellationToken ct)
    {
        var store = new SqliteLedgerStore(ConnectionString(file, create: false));
        var versions = await store.GetAppliedSchemaVersionsAsync(ct).ConfigureAwait(false);
        if (versions.IsEmpty || versions[^1] != SqliteLedgerStore.SchemaVersion)
        {
            stderr.WriteLine(versions.IsEmpty
                ? $"cadence: {file} is not a ledger database: create it with 'cadence ledger init'"
                : Invariant($"cadence: {file} is at schema version {versions[^1]}, this tool at {SqliteLedgerStore.SchemaVersion}: run 'cadence ledger init' (or a newer cadence)"));
            return null;
        }

        return store;
    }

    /// <summary>Runs a verb's work, reporting a database that cannot be used as a usage error.</summary>
    private static async Task<int> GuardAsync(FileInfo file, InvocationConfiguration console, Func<Task<int>> work)
    {
        try
        {
            return await work().ConfigureAwait(false);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            console.Error.WriteLine($"cadence: cannot use the ledger {file}: {e.Message}");
        }

        return CliApp.Usage;
    }

    private static string S(int n) => n == 1 ? string.Empty : "s";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
