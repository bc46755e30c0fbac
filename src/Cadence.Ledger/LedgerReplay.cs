using Cadence.Json;
using NodaTime;

namespace Cadence.Ledger;

/// <summary>Replays a stored decision (see <see cref="ContactLedger.ReplayAsync"/>).</summary>
internal static class LedgerReplay
{
    public static async Task<ReplayResult> ReplayAsync(ILedgerStore store, long decisionId, CadenceEvaluator evaluator, CancellationToken ct)
    {
        if (await store.GetDecisionAsync(decisionId, ct).ConfigureAwait(false) is not { } record)
        {
            return new ReplayResult(ReplayStatus.Refused, $"There is no decision {decisionId}.");
        }

        if (record.InputsJson is not { } inputs)
        {
            return Refused(record, $"The inputs of decision {decisionId} were purged at {record.InputsPurgedAt} (retention period): it cannot be evaluated again.");
        }

        var tzdb = DateTimeZoneProviders.Tzdb.VersionId;
        if (record.TzdbVersion != tzdb)
        {
            return Refused(record, $"Decision {decisionId} was made with the time-zone database {record.TzdbVersion}; this process has {tzdb}. Replay it with that version.");
        }

        if (await store.GetPolicyAsync(record.PolicyId, ct).ConfigureAwait(false) is not { } evidence)
        {
            return Refused(record, $"The policy {record.PolicyId} of decision {decisionId} is not stored.");
        }

        if (evidence.Id != record.PolicyId)
        {
            return Refused(record, $"The policy stored as {record.PolicyId} hashes to {evidence.Id}: it was altered after decision {decisionId}.");
        }

        CadencePolicy policy;
        try
        {
            policy = evidence.Load();
        }
        catch (PolicyValidationException e)
        {
            return Refused(record, $"The policy {record.PolicyId} of decision {decisionId} cannot be read again: {e.Message}");
        }

        var read = PersonJson.Read(inputs);
        if (read.ToPerson() is not { } person)
        {
            return Refused(record, $"The inputs of decision {decisionId} cannot be read again: {string.Join("; ", read.Errors.Select(e => e.Message))}");
        }

        var engine = ContactLedger.CreateEngine(policy, evaluator);
        string replayed;
        if (record.Operation == LedgerOperation.Check)
        {
            if (record.ProposedJson is not { } proposed)
            {
                return Refused(record, $"Decision {decisionId} answered a proposed contact, which is not stored.");
            }

            replayed = DecisionJson.Write(engine.Check(person, ProposedContactJson.Read(proposed), record.Now));
        }
        else
        {
            replayed = DecisionJson.Write(engine.Evaluate(person, record.Now));
        }

        var engineNote = record.EngineVersion == ContactLedger.EngineVersion ? string.Empty : $" (made by engine {record.EngineVersion}, replayed by {ContactLedger.EngineVersion})";
        var erasedNote = record.ErasedAt is { } erased ? $" The person was erased at {erased}: ids are pseudonyms." : string.Empty;
        return replayed == record.ResultJson
            ? new ReplayResult(ReplayStatus.Same, $"Decision {decisionId} replays to the same decision and explanation{engineNote}.{erasedNote}", record.ResultJson, replayed)
            : new ReplayResult(ReplayStatus.Different, $"Decision {decisionId} replays to another decision{engineNote}.{erasedNote}", record.ResultJson, replayed);
    }

    private static ReplayResult Refused(LedgerDecisionRecord record, string message) => new(ReplayStatus.Refused, message, record.ResultJson);
}
