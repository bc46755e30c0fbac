using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Json;

/// <summary>
/// Writes a <see cref="Decision"/> as one compact JSON object, a JSON Lines record: the account, the kind, the step,
/// channel, template or escalation, the instants (ISO 8601, UTC), the hold, the error and, when the decision carries
/// one, its explanation. Enum values are camelCase; absent values are left out. The format is described in
/// <c>docs/cli.md</c>. <see cref="Read(string, CadencePolicy)"/> reads a record back (e.g. one a ledger stored) against the policy that made it.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class DecisionJson
{
    // Records are data for programs, not HTML: quotes and '+' are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // Where a thread's writer points between records, so that it holds on to no caller's buffer.
    private static readonly ArrayBufferWriter<byte> Detached = new(1);

    // One writer per thread, reset for each record: writing a record allocates nothing.
    [ThreadStatic]
    private static Utf8JsonWriter? cachedWriter;

    /// <summary>Writes a decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>One line of compact JSON, without a line break.</returns>
    public static string Write(Decision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteRecord(buffer, decision);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Writes a decision as one JSON Lines record, the bytes of <see cref="Write(Decision)"/> in UTF-8 and a line feed,
    /// straight into <paramref name="output"/> (a file's buffer, a response's <c>PipeWriter</c>): no string is made and,
    /// once the thread has written a record, nothing is allocated.
    /// </summary>
    /// <param name="output">Where the bytes go.</param>
    /// <param name="decision">The decision.</param>
    /// <remarks>Should writing fail (e.g. an id holding a lone surrogate), part of the record may have been written.</remarks>
    public static void WriteLine(IBufferWriter<byte> output, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(output);
        WriteRecord(output, decision);
        output.Write("\n"u8);
    }

    /// <summary>Writes one compact record into <paramref name="output"/> with the thread's writer.</summary>
    private static void WriteRecord(IBufferWriter<byte> output, in Decision decision)
    {
        var w = cachedWriter ??= new Utf8JsonWriter(Detached, WriterOptions);
        w.Reset(output);
        try
        {
            Write(w, decision);
            w.Flush();
        }
        finally
        {
            w.Reset(Detached);
        }
    }

    /// <summary>
    /// Writes the answer to a proposed contact (<see cref="ICadenceEngine.Check"/>) as one compact JSON object:
    /// <c>allowed</c>; <c>earliestAt</c>, the instant asked about when allowed, otherwise the earliest instant it would
    /// be (left out when none); <c>reasons</c>, the rules that blocked or deferred it, as a decision's explanation
    /// writes them; and <c>error</c>, when the contact could not be checked.
    /// </summary>
    /// <param name="check">The answer.</param>
    /// <returns>One line of compact JSON, without a line break.</returns>
    public static string Write(ContactCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteBoolean("allowed"u8, check.Allowed);
            WriteInstant(w, "earliestAt"u8, check.EarliestAt);
            WriteReasons(w, check.Reasons);
            WriteError(w, check.Error);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Reads back a decision written by <see cref="Write(Decision)"/>, its step taken from <paramref name="policy"/>
    /// (the policy that decided). Every field the record has is restored, its explanation included.
    /// </summary>
    /// <param name="json">One decision record.</param>
    /// <param name="policy">The policy that made the decision.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="FormatException">The record is not a decision, or names a step or value the policy or the format does not know; the message says which property.</exception>
    public static Decision Read(string json, CadencePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(policy);
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, policy);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The decision record is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
        {
            throw new FormatException($"The decision record is not one this format writes: {e.Message}", e);
        }
    }

    private static Decision Read(JsonElement o, CadencePolicy policy)
    {
        var accountId = o.GetProperty("accountId").GetString()!;
        var kind = Enum(JsonNames.DecisionKinds, o, "kind");
        CadenceStep? step = null;
        if (o.TryGetProperty("step", out var stepId))
        {
            step = policy.FindStep(stepId.GetString()!) ?? throw new FormatException($"step: policy '{policy.Name}' has no step '{stepId.GetString()}'.");
            Same(o, "channel", step.Channel is { } c ? JsonNames.Name(c) : null, step, policy);
            Same(o, "template", step.Channel is null ? null : step.Template, step, policy);
            Same(o, "escalation", step.EscalationKind, step, policy);
        }

        var error = o.TryGetProperty("error", out var e)
            ? new DecisionError(Enum(JsonNames.ReasonCodes, e, "code"), e.GetProperty("message").GetString()!, e.TryGetProperty("rule", out var rule) ? rule.GetString() : null)
            : null;
        DecisionExplanation? explanation = null;
        if (o.TryGetProperty("explanation", out var x))
        {
            var candidates = x.GetProperty("candidates").EnumerateArray().Select(c => new CandidateExplanation(
                c.GetProperty("stepId").GetString()!,
                c.TryGetProperty("channel", out var ch) ? Enum(JsonNames.Channels, c, "channel") : null,
                c.GetProperty("proposedBy").GetString()!,
                Enum(JsonNames.CandidateStatuses, c, "status"),
                Instant(c, "notBefore"),
                ReadReasons(c),
                c.TryGetProperty("accountId", out var account) ? account.GetString() : null,
                c.TryGetProperty("contactPointId", out var point) ? point.GetString() : null)).ToImmutableArray();
            explanation = new DecisionExplanation(candidates, ReadReasons(x));
        }

        var decision = new Decision(
            kind,
            accountId,
            step,
            Instant(o, "notBefore"),
            Instant(o, "reviewAt"),
            o.TryGetProperty("suppressedBy", out var hold) ? new HoldKind(hold.GetString()!) : null,
            error,
            explanation,
            o.TryGetProperty("limitedContentVoicemail", out var voicemail) && voicemail.GetBoolean()) with
        {
            Variant = o.TryGetProperty("variant", out var variant) ? variant.GetString() : null,
            ContactPointId = o.TryGetProperty("contactPointId", out var pointId) ? pointId.GetString() : null,
            AboutPerson = o.TryGetProperty("personId", out _),
        };
        decision = WithAccounts(decision, o);
        if (!decision.AboutPerson && step is not null)
        {
            // A single account's record leaves out what it implies: the contact is about that account, on the point
            // of the step's channel.
            decision = decision with { SoleAccountId = accountId, ContactPointId = step.Channel is { } channel ? ContactPoint.DefaultId(channel) : null };
        }
        if (o.TryGetProperty("escalations", out var escalations))
        {
            decision = decision with { Escalations = [.. escalations.EnumerateArray().Select(e => Read(e, policy, accountId))] };
        }

        return decision;
    }

    /// <summary>An escalation listed beside a decision: its step, the accounts it is about and when.</summary>
    private static Decision Read(JsonElement e, CadencePolicy policy, string personId)
    {
        var id = e.GetProperty("step").GetString()!;
        var step = policy.FindStep(id) ?? throw new FormatException($"escalations: policy '{policy.Name}' has no step '{id}'.");
        Same(e, "escalation", step.EscalationKind, step, policy);
        return WithAccounts(new Decision(DecisionKind.Escalate, personId, step, Instant(e, "notBefore"), null, null, null, null) { AboutPerson = true }, e);
    }

    private static Decision WithAccounts(Decision decision, JsonElement o)
    {
        if (!o.TryGetProperty("accountIds", out var ids))
        {
            return decision;
        }

        var accounts = ids.EnumerateArray().Select(i => i.GetString()!).ToImmutableArray();
        return accounts.Length == 1 ? decision with { SoleAccountId = accounts[0] } : decision with { AccountIds = accounts };
    }

    /// <summary>Refuses a record whose step says something else than the policy's step of that id (another policy, or an edited one).</summary>
    private static void Same(JsonElement o, string property, string? expected, CadenceStep step, CadencePolicy policy)
    {
        var written = o.TryGetProperty(property, out var value) ? value.GetString() : null;
        if (written != expected)
        {
            throw new FormatException($"{property}: the record says '{written}', but step '{step.Id}' of policy '{policy.Name}' says '{expected}': the decision was made by another policy.");
        }
    }

    private static ImmutableArray<ExplanationReason> ReadReasons(JsonElement o)
        => [.. o.GetProperty("reasons").EnumerateArray().Select(r => new ExplanationReason(r.GetProperty("rule").GetString()!, Enum(JsonNames.ReasonCodes, r, "code"), Instant(r, "until"))
        {
            Sources = r.TryGetProperty("sources", out var sources) ? [.. sources.EnumerateArray().Select(ReadSource)] : [],
        })];

    private static RuleSource ReadSource(JsonElement s)
    {
        var mark = s.GetProperty("mark").GetString();
        var confidence = mark switch
        {
            "[V]" => SourceConfidence.Verified,
            "[U]" => SourceConfidence.Unverified,
            "[D]" => SourceConfidence.Default,
            _ => throw new FormatException($"mark: '{mark}' is not one of [V], [U], [D]."),
        };
        return new RuleSource(s.GetProperty("pack").GetString()!, s.GetProperty("citation").GetString()!, confidence)
        {
            Regions = s.TryGetProperty("regions", out var regions) ? [.. regions.EnumerateArray().Select(r => r.GetString()!)] : [],
        };
    }

    private static T Enum<T>(System.Collections.Frozen.FrozenDictionary<string, T> names, JsonElement o, string property)
        where T : struct
        => names.TryGetValue(o.GetProperty(property).GetString() ?? string.Empty, out var value)
            ? value
            : throw new FormatException($"{property}: '{o.GetProperty(property).GetString()}' is not one of {string.Join(", ", names.Keys)}.");

    private static Instant? Instant(JsonElement o, string property)
        => o.TryGetProperty(property, out var value) ? value.Deserialize<Instant>(JsonElementReader.TzdbOptions) : null;

    private static void Write(Utf8JsonWriter w, in Decision decision)
    {
        w.WriteStartObject();
        w.WriteString("accountId"u8, decision.AccountId);
        if (decision.AboutPerson)
        {
            // A person's decision names the person, the accounts it is about and the point; a single account's keeps
            // the record it always had.
            w.WriteString("personId"u8, decision.PersonId);
        }

        w.WriteString("kind"u8, JsonNames.Encoded(decision.Kind));
        if (decision.Step is { } step)
        {
            w.WriteString("step"u8, step.Id);
            if (step.Channel is { } channel)
            {
                w.WriteString("channel"u8, JsonNames.Encoded(channel));
                w.WriteString("template"u8, step.Template);
            }

            if (step.EscalationKind is { } escalation)
            {
                w.WriteString("escalation"u8, escalation);
            }

            if (decision.AboutPerson)
            {
                WriteAccounts(w, decision);
            }
        }

        if (decision.AboutPerson && decision.ContactPointId is { } pointId)
        {
            w.WriteString("contactPointId"u8, pointId);
        }

        WriteInstant(w, "notBefore"u8, decision.NotBefore);
        WriteInstant(w, "reviewAt"u8, decision.ReviewAt);
        if (decision.SuppressedBy is { } hold)
        {
            w.WriteString("suppressedBy"u8, hold.Name);
        }

        if (decision.LimitedContentVoicemail)
        {
            w.WriteBoolean("limitedContentVoicemail"u8, true);
        }

        if (decision.Variant is { } variant)
        {
            w.WriteString("variant"u8, variant);
        }

        if (!decision.Escalations.IsEmpty)
        {
            w.WriteStartArray("escalations"u8);
            foreach (var e in decision.Escalations)
            {
                w.WriteStartObject();
                w.WriteString("step"u8, e.Step!.Id);
                w.WriteString("escalation"u8, e.Step.EscalationKind);
                WriteAccounts(w, e);
                WriteInstant(w, "notBefore"u8, e.NotBefore);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        WriteError(w, decision.Error);
        if (decision.Explanation is { } explanation)
        {
            w.WriteStartObject("explanation"u8);
            WriteReasons(w, explanation.Reasons);
            w.WriteStartArray("candidates"u8);
            foreach (var candidate in explanation.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("stepId"u8, candidate.StepId);
                if (candidate.Channel is { } channel)
                {
                    w.WriteString("channel"u8, JsonNames.Encoded(channel));
                }

                if (decision.AboutPerson)
                {
                    if (candidate.AccountId is { } account)
                    {
                        w.WriteString("accountId"u8, account);
                    }

                    if (candidate.ContactPointId is { } point)
                    {
                        w.WriteString("contactPointId"u8, point);
                    }
                }

                w.WriteString("proposedBy"u8, candidate.ProposedBy);
                w.WriteString("status"u8, JsonNames.Encoded(candidate.Status));
                WriteInstant(w, "notBefore"u8, candidate.NotBefore);
                WriteReasons(w, candidate.Reasons);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter w, DecisionError? error)
    {
        if (error is null)
        {
            return;
        }

        w.WriteStartObject("error"u8);
        w.WriteString("code"u8, JsonNames.Encoded(error.Code));
        w.WriteString("message"u8, error.Message);
        if (error.RuleName is { } rule)
        {
            w.WriteString("rule"u8, rule);
        }

        w.WriteEndObject();
    }

    private static void WriteAccounts(Utf8JsonWriter w, in Decision decision)
    {
        w.WriteStartArray("accountIds"u8);
        if (decision.SoleAccountId is { } sole)
        {
            w.WriteStringValue(sole);
        }
        else
        {
            foreach (var id in decision.AccountIds)
            {
                w.WriteStringValue(id);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteReasons(Utf8JsonWriter w, ImmutableArray<ExplanationReason> reasons)
    {
        w.WriteStartArray("reasons"u8);
        foreach (var reason in reasons)
        {
            w.WriteStartObject();
            w.WriteString("rule"u8, reason.RuleName);
            w.WriteString("code"u8, JsonNames.Encoded(reason.Code));
            WriteInstant(w, "until"u8, reason.Until);
            if (!reason.Sources.IsEmpty)
            {
                w.WriteStartArray("sources"u8);
                foreach (var source in reason.Sources)
                {
                    w.WriteStartObject();
                    w.WriteString("pack"u8, source.PackId);
                    w.WriteString("citation"u8, source.Citation);
                    w.WriteString("mark"u8, source.Mark);
                    if (!source.Regions.IsEmpty)
                    {
                        w.WriteStartArray("regions"u8);
                        foreach (var region in source.Regions)
                        {
                            w.WriteStringValue(region);
                        }

                        w.WriteEndArray();
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInstant(Utf8JsonWriter w, ReadOnlySpan<byte> name, Instant? instant)
    {
        if (instant is { } value)
        {
            // The text is digits and separators only, quoted here: nothing to escape or to check.
            Span<byte> text = stackalloc byte[Utf8Instant.MaxLength + 2];
            var length = Utf8Instant.Format(value, text[1..]);
            text[0] = text[length + 1] = (byte)'"';
            w.WritePropertyName(name);
            w.WriteRawValue(text[..(length + 2)], skipInputValidation: true);
        }
    }
}
