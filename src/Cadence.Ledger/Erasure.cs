using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cadence.Json;
using NodaTime;

namespace Cadence.Ledger;

/// <summary>
/// Pseudonymises one person's records: their id and the ids of their accounts and contact points become keyed hashes
/// (HMAC-SHA256), wherever they stand in the stored JSON (under the properties that hold ids, and inside messages).
/// </summary>
internal sealed class Erasure
{
    private static readonly HashSet<string> IdProperties = new(StringComparer.Ordinal) { "personId", "accountId", "accountIds", "contactPointId", "id" };

    private readonly byte[] key;
    private readonly string personId;
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    public Erasure(byte[] key, string personId)
    {
        this.key = key;
        this.personId = personId;
        ids.Add(personId);
        Pseudonym = Pseudonymise(personId);
    }

    public string Pseudonym { get; }

    public string Pseudonymise(string id)
        => "erased-" + Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(id)), 0, 16).ToLowerInvariant();

    /// <summary>Learns the account and contact-point ids a decision's inputs name.</summary>
    public void Learn(LedgerDecisionRecord record)
    {
        if (record.InputsJson is { } inputs && PersonJson.Read(inputs).ToPerson() is { } person)
        {
            ids.UnionWith(person.Accounts.Select(a => a.AccountId));
            ids.UnionWith(person.ContactPoints.Select(p => p.Id));
            ids.UnionWith(person.History.Where(h => h.ContactPointId is not null).Select(h => h.ContactPointId!));
            ids.UnionWith(person.History.SelectMany(h => h.AccountIds));
        }
    }

    public LedgerDecisionRecord Rewrite(LedgerDecisionRecord record, Instant now)
        => record with
        {
            PersonId = Pseudonym,
            ResultJson = Rewrite(record.ResultJson),
            InputsJson = record.InputsJson is { } inputs ? Rewrite(inputs) : null,
            ProposedJson = record.ProposedJson is { } proposed ? Rewrite(proposed) : null,
            ErasedAt = record.ErasedAt ?? now,
        };

    private string Rewrite(string json)
    {
        var root = JsonNode.Parse(json);
        return root is null ? json : Visit(root, null).ToJsonString();
    }

    private JsonNode Visit(JsonNode node, string? property)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o.ToList())
                {
                    if (value is not null)
                    {
                        o[name] = Visit(value.DeepClone(), name);
                    }
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is { } item)
                    {
                        a[i] = Visit(item.DeepClone(), property);
                    }
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s):
                if (property is not null && IdProperties.Contains(property) && ids.Contains(s))
                {
                    return JsonValue.Create(Pseudonymise(s));
                }

                return property == "message" && s.Contains(personId, StringComparison.Ordinal) ? JsonValue.Create(s.Replace(personId, Pseudonym, StringComparison.Ordinal)) : v;
            default:
                return node;
        }
    }
}
