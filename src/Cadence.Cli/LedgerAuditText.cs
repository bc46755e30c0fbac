using System.Globalization;
using System.Text;
using System.Text.Json;
using Cadence.Ledger;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Cli;

/// <summary>
/// Prints a <see cref="LedgerAudit"/> for <c>cadence ledger audit</c>: one entry a line, in time order (at the same
/// instant: decisions, then reservations, their events, attempts), as text or as JSON Lines.
/// </summary>
internal static class LedgerAuditText
{
    /// <summary>The audit's lines.</summary>
    /// <param name="audit">What the ledger holds about the person.</param>
    /// <param name="policyHashes">The SHA-256 of each decision's policy, by policy id (<see langword="null"/> when it is not stored).</param>
    /// <param name="json">JSON Lines rather than text.</param>
    /// <returns>The lines.</returns>
    public static IEnumerable<string> Entries(LedgerAudit audit, IReadOnlyDictionary<string, string?> policyHashes, bool json)
    {
        var entries = new List<(Instant At, string Text, Action<Utf8JsonWriter> Json)>();
        foreach (var d in audit.Decisions)
        {
            var hash = policyHashes.GetValueOrDefault(d.PolicyId);
            var flags = (d.InputsPurgedAt is { } purged ? $"; inputs purged at {Format(purged)}" : string.Empty) + (d.ErasedAt is { } erased ? $"; erased at {Format(erased)}" : string.Empty);
            entries.Add((
                d.Now,
                Invariant($"{Format(d.Now)}  decision {d.Id}  {Name(d.Operation)}  policy {d.PolicyId} (sha256 {hash ?? "not stored"})  tzdb {d.TzdbVersion}  engine {d.EngineVersion}{flags}\n    {d.ResultJson}"),
                w =>
                {
                    w.WriteString("type", "decision");
                    w.WriteNumber("id", d.Id);
                    w.WriteString("personId", d.PersonId);
                    w.WriteString("now", Format(d.Now));
                    w.WriteString("operation", Name(d.Operation));
                    w.WriteString("policyId", d.PolicyId);
                    if (hash is not null)
                    {
                        w.WriteString("policySha256", hash);
                    }

                    w.WriteString("tzdbVersion", d.TzdbVersion);
                    w.WriteString("engineVersion", d.EngineVersion);
                    w.WriteBoolean("inputsPurged", d.InputsPurgedAt is not null);
                    WriteInstant(w, "inputsPurgedAt", d.InputsPurgedAt);
                    w.WriteBoolean("erased", d.ErasedAt is not null);
                    WriteInstant(w, "erasedAt", d.ErasedAt);
                    w.WritePropertyName("result");
                    w.WriteRawValue(d.ResultJson);
                    if (d.ProposedJson is { } proposed)
                    {
                        w.WritePropertyName("proposed");
                        w.WriteRawValue(proposed);
                    }
                }));
        }

        foreach (var r in audit.Reservations)
        {
            entries.Add((
                r.At,
                Invariant($"{Format(r.At)}  reservation {r.Id}  {Name(r.Status)}  decision {r.DecisionId}  {Name(r.Channel)}{Optional("point", r.ContactPointId)}{Optional("step", r.StepId)}{Accounts(r.AccountIds)}  expires {Format(r.ExpiresAt)}{(r.Outcome is { } o ? $"  outcome {Name(o)}" : string.Empty)}{(r.SettledAt is { } s ? $"  settled {Format(s)}" : string.Empty)}"),
                w =>
                {
                    w.WriteString("type", "reservation");
                    w.WriteNumber("id", r.Id);
                    w.WriteString("personId", r.PersonId);
                    w.WriteNumber("decisionId", r.DecisionId);
                    w.WriteString("at", Format(r.At));
                    w.WriteString("expiresAt", Format(r.ExpiresAt));
                    w.WriteString("channel", Name(r.Channel));
                    WriteOptional(w, "stepId", r.StepId);
                    WriteOptional(w, "contactPointId", r.ContactPointId);
                    WriteAccounts(w, r.AccountIds);
                    w.WriteString("status", Name(r.Status));
                    WriteOptional(w, "outcome", r.Outcome is { } o ? Name(o) : null);
                    WriteInstant(w, "settledAt", r.SettledAt);
                }));
        }

        foreach (var e in audit.Events)
        {
            entries.Add((
                e.At,
                Invariant($"{Format(e.At)}  reservation {e.ReservationId}  {Name(e.Kind)}{(e.Outcome is { } o ? $"  outcome {Name(o)}" : string.Empty)}"),
                w =>
                {
                    w.WriteString("type", "reservationEvent");
                    w.WriteNumber("reservationId", e.ReservationId);
                    w.WriteString("at", Format(e.At));
                    w.WriteString("kind", Name(e.Kind));
                    WriteOptional(w, "outcome", e.Outcome is { } o ? Name(o) : null);
                }));
        }

        foreach (var a in audit.Attempts)
        {
            entries.Add((
                a.At,
                $"{Format(a.At)}  attempt  {Name(a.Channel)}  {Name(a.Direction)}  {Name(a.Outcome)}{Optional("point", a.ContactPointId)}{Optional("step", a.StepId)}{Accounts(a.AccountIds)}",
                w =>
                {
                    w.WriteString("type", "attempt");
                    w.WriteString("at", Format(a.At));
                    w.WriteString("channel", Name(a.Channel));
                    w.WriteString("direction", Name(a.Direction));
                    w.WriteString("outcome", Name(a.Outcome));
                    WriteOptional(w, "stepId", a.StepId);
                    WriteOptional(w, "contactPointId", a.ContactPointId);
                    WriteAccounts(w, a.AccountIds);
                }));
        }

        // A stable sort: at the same instant, decisions, reservations, events, attempts, as added.
        var ordered = entries.OrderBy(e => e.At);
        if (!json)
        {
            return [$"{audit.PersonId}: {Count(audit.Decisions.Count, "decision")}, {Count(audit.Reservations.Count, "reservation")}, {Count(audit.Attempts.Count, "attempt")}", .. ordered.Select(e => e.Text)];
        }

        return ordered.Select(e =>
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                e.Json(writer);
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(stream.ToArray());
        });
    }

    private static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    /// <summary>An enum value as the JSON formats spell it: camelCase.</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static string Optional(string label, string? value) => value is null ? string.Empty : $"  {label} {value}";

    private static string Accounts(IReadOnlyCollection<string> ids) => ids.Count == 0 ? string.Empty : $"  accounts {string.Join(",", ids)}";

    private static string Count(int n, string noun) => Invariant($"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, Instant? value)
    {
        if (value is { } instant)
        {
            w.WriteString(name, Format(instant));
        }
    }

    private static void WriteAccounts(Utf8JsonWriter w, IReadOnlyCollection<string> ids)
    {
        if (ids.Count > 0)
        {
            w.WriteStartArray("accountIds");
            foreach (var id in ids)
            {
                w.WriteStringValue(id);
            }

            w.WriteEndArray();
        }
    }
}
