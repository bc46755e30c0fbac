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
/// <c>docs/cli.md</c>.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public static class DecisionJson
{
    // Records are data for programs, not HTML: quotes and '+' are written as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes a decision.</summary>
    /// <param name="decision">The decision.</param>
    /// <returns>One line of compact JSON, without a line break.</returns>
    public static string Write(Decision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(w, decision);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter w, Decision decision)
    {
        w.WriteStartObject();
        w.WriteString("accountId", decision.AccountId);
        w.WriteString("kind", JsonNames.Name(decision.Kind));
        if (decision.Step is { } step)
        {
            w.WriteString("step", step.Id);
            if (step.Channel is { } channel)
            {
                w.WriteString("channel", JsonNames.Name(channel));
                w.WriteString("template", step.Template);
            }

            if (step.EscalationKind is { } escalation)
            {
                w.WriteString("escalation", escalation);
            }
        }

        WriteInstant(w, "notBefore", decision.NotBefore);
        WriteInstant(w, "reviewAt", decision.ReviewAt);
        if (decision.SuppressedBy is { } hold)
        {
            w.WriteString("suppressedBy", hold.Name);
        }

        if (decision.LimitedContentVoicemail)
        {
            w.WriteBoolean("limitedContentVoicemail", true);
        }

        if (decision.Error is { } error)
        {
            w.WriteStartObject("error");
            w.WriteString("code", JsonNames.Name(error.Code));
            w.WriteString("message", error.Message);
            if (error.RuleName is { } rule)
            {
                w.WriteString("rule", rule);
            }

            w.WriteEndObject();
        }

        if (decision.Explanation is { } explanation)
        {
            w.WriteStartObject("explanation");
            WriteReasons(w, explanation.Reasons);
            w.WriteStartArray("candidates");
            foreach (var candidate in explanation.Candidates)
            {
                w.WriteStartObject();
                w.WriteString("stepId", candidate.StepId);
                if (candidate.Channel is { } channel)
                {
                    w.WriteString("channel", JsonNames.Name(channel));
                }

                w.WriteString("proposedBy", candidate.ProposedBy);
                w.WriteString("status", JsonNames.Name(candidate.Status));
                WriteInstant(w, "notBefore", candidate.NotBefore);
                WriteReasons(w, candidate.Reasons);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteReasons(Utf8JsonWriter w, ImmutableArray<ExplanationReason> reasons)
    {
        w.WriteStartArray("reasons");
        foreach (var reason in reasons)
        {
            w.WriteStartObject();
            w.WriteString("rule", reason.RuleName);
            w.WriteString("code", JsonNames.Name(reason.Code));
            WriteInstant(w, "until", reason.Until);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteInstant(Utf8JsonWriter w, string name, Instant? instant)
    {
        if (instant is { } value)
        {
            w.WritePropertyName(name);
            JsonSerializer.Serialize(w, value, JsonElementReader.TzdbOptions);
        }
    }
}
