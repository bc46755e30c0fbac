using Cadence.Json;
using NodaTime;

namespace Cadence.Ledger.Tests.Support;

/// <summary>A policy of one daily SMS step, open all day, and a person owing on one account.</summary>
internal static class TestData
{
    public const string PolicyText = """
        {
          "name": "ledger-test",
          "defaultZone": "Europe/London",
          "horizon": "240:00:00",
          "steps": [
            { "id": "sms-overdue", "channel": "sms", "template": "overdue-sms", "window": { "from": 1, "to": 60 }, "priority": 10, "repeatInterval": "24:00:00" }
          ],
          "windows": [
            { "name": "all-day", "days": ["weekday", "saturday", "sunday", "holiday"], "ranges": [{ "from": "00:00", "to": "24:00" }] }
          ]
        }
        """;

    /// <summary>A step that repeats every half hour, under a cap of one conversation a day.</summary>
    public const string ConversationCapPolicyText = """
        {
          "name": "ledger-test-conversation-cap",
          "defaultZone": "Europe/London",
          "horizon": "240:00:00",
          "steps": [
            { "id": "sms-overdue", "channel": "sms", "template": "overdue-sms", "window": { "from": 1, "to": 60 }, "priority": 10, "repeatInterval": "00:30:00" }
          ],
          "windows": [
            { "name": "all-day", "days": ["weekday", "saturday", "sunday", "holiday"], "ranges": [{ "from": "00:00", "to": "24:00" }] }
          ],
          "caps": [
            { "name": "one-conversation-a-day", "limit": 1, "period": { "rolling": "24:00:00" }, "counts": { "channels": ["sms"], "directions": "outbound", "outcomes": ["conversation"] } }
          ]
        }
        """;

    /// <summary>A text a day to every account due, and an agency placement for an account 30 days overdue, once.</summary>
    public const string EscalationBesidePolicyText = """
        {
          "name": "ledger-test-escalation-beside",
          "defaultZone": "Europe/London",
          "horizon": "240:00:00",
          "steps": [
            { "id": "sms-overdue", "channel": "sms", "template": "overdue-sms", "window": { "from": 1, "to": 60 }, "priority": 10, "repeatInterval": "24:00:00" },
            { "id": "agency", "escalation": "agency-placement", "window": { "from": 30, "to": 90 }, "priority": 20 }
          ],
          "windows": [
            { "name": "all-day", "days": ["weekday", "saturday", "sunday", "holiday"], "ranges": [{ "from": "00:00", "to": "24:00" }] }
          ]
        }
        """;

    /// <summary>A step that repeats every half hour, under a cap of two texts a day.</summary>
    public const string TwoTextsADayPolicyText = """
        {
          "name": "ledger-test-two-texts-a-day",
          "defaultZone": "Europe/London",
          "horizon": "240:00:00",
          "steps": [
            { "id": "sms-overdue", "channel": "sms", "template": "overdue-sms", "window": { "from": 1, "to": 60 }, "priority": 10, "repeatInterval": "00:30:00" }
          ],
          "windows": [
            { "name": "all-day", "days": ["weekday", "saturday", "sunday", "holiday"], "ranges": [{ "from": "00:00", "to": "24:00" }] }
          ],
          "caps": [
            { "name": "two-texts-a-day", "limit": 2, "period": { "rolling": "24:00:00" }, "counts": { "channels": ["sms"], "directions": "outbound" } }
          ]
        }
        """;

    public static readonly Instant Now = Instant.FromUtc(2026, 1, 14, 12, 0);

    public static LedgerPolicy Policy { get; } = new(PolicyText);

    public static LedgerPolicy EscalationBesidePolicy { get; } = new(EscalationBesidePolicyText);

    /// <summary>A person of two accounts: one 13 days overdue, the other 44 days.</summary>
    public static Person PersonOfTwoAccounts(string id = "P-2")
        => PersonJson.Read($$$"""{"personId":"{{{id}}}","timeZones":["Europe/London"],"contactPoints":[{"id":"mobile","channel":"sms","kind":"mobile","consentGiven":true}],"accounts":[{"accountId":"{{{id}}}-A","dueDate":"2026-01-01","amountDue":{"amount":120.00,"currency":"GBP"}},{"accountId":"{{{id}}}-B","dueDate":"2025-12-01","amountDue":{"amount":80.00,"currency":"GBP"}}]}""")
            .ToPerson() ?? throw new InvalidOperationException("The test person does not read.");

    public static Person Person(string id = "P-1")
        => PersonJson.Read($$$"""{"personId":"{{{id}}}","timeZones":["Europe/London"],"contactPoints":[{"id":"mobile","channel":"sms","kind":"mobile","consentGiven":true}],"accounts":[{"accountId":"{{{id}}}-A","dueDate":"2026-01-01","amountDue":{"amount":120.00,"currency":"GBP"}}]}""")
            .ToPerson() ?? throw new InvalidOperationException("The test person does not read.");
}
