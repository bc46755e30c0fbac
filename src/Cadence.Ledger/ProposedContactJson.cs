using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cadence.Ledger;

/// <summary>Writes and reads a proposed contact as the ledger stores it with a check.</summary>
internal static class ProposedContactJson
{
    public static string Write(ProposedContact contact)
    {
        var o = new JsonObject { ["channel"] = contact.Channel.ToString() };
        if (contact.ContactPointId is not null)
        {
            o["contactPointId"] = contact.ContactPointId;
        }

        if (contact.StepId is not null)
        {
            o["stepId"] = contact.StepId;
        }

        if (!contact.AccountIds.IsEmpty)
        {
            o["accountIds"] = new JsonArray([.. contact.AccountIds.Select(a => (JsonNode?)JsonValue.Create(a))]);
        }

        return o.ToJsonString();
    }

    public static ProposedContact Read(string json)
    {
        try
        {
            var o = JsonNode.Parse(json)?.AsObject() ?? throw new FormatException("A stored proposed contact is empty.");
            var channel = Enum.Parse<Channel>(o["channel"]?.GetValue<string>() ?? throw new FormatException("A stored proposed contact has no channel."));
            return new ProposedContact(channel, o["contactPointId"]?.GetValue<string>())
            {
                StepId = o["stepId"]?.GetValue<string>(),
                AccountIds = o["accountIds"] is JsonArray a ? [.. a.Select(n => n!.GetValue<string>())] : ImmutableArray<string>.Empty,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"A stored proposed contact cannot be read: {e.Message}", e);
        }
    }
}
