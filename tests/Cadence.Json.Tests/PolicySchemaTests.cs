using System.Text.Json;
using System.Text.Json.Nodes;
using Cadence.Json.Tests.Support;
using Cadence.Jurisdictions;
using Json.Schema;

namespace Cadence.Json.Tests;

/// <summary>The JSON Schemas shipped with the package: every sample validates, bad files do not, and they agree with the code.</summary>
public sealed class PolicySchemaTests
{
    private static readonly JsonSchema Policy = JsonSchema.FromText(PolicyJson.PolicySchema);
    private static readonly JsonSchema Holidays = JsonSchema.FromText(PolicyJson.HolidaysSchema);

    private static string PoliciesFolder => Repository.Policies;

    public static TheoryData<string> PolicyFiles()
        => [.. Directory.GetFiles(PoliciesFolder, "*.policy.json", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(PoliciesFolder, f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void SamplePolicy_ValidatesAgainstThePolicySchema(string file)
    {
        var results = Policy.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(PoliciesFolder, file))), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, Describe(results));
    }

    [Theory]
    [MemberData(nameof(PolicyFiles))]
    public void SamplePolicy_ReferencesTheShippedSchema(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(PoliciesFolder, file)));
        var reference = document.RootElement.GetProperty("$schema").GetString()!;

        var schemaFile = Path.GetFullPath(Path.Combine(SourceFolder(file), reference));

        Assert.Equal(PolicyJson.PolicySchema, File.ReadAllText(schemaFile));
    }

    [Fact]
    public void SampleHolidayCalendar_ValidatesAgainstTheHolidaySchema()
    {
        var results = Holidays.Evaluate(JsonNode.Parse(File.ReadAllText(Path.Combine(PoliciesFolder, "ru-2026.holidays.json"))), new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(results.IsValid, Describe(results));
    }

    [Theory]
    [InlineData("""{ "name": "p", "colour": "blue" }""")]
    [InlineData("""{ "name": "p", "steps": [{ "id": "a", "channel": "fax", "template": "t", "window": { "from": 0, "to": 1 } }] }""")]
    [InlineData("""{ "name": "p", "steps": [{ "id": "a", "channel": "email", "escalation": "x", "template": "t", "window": { "from": 0, "to": 1 } }] }""")]
    [InlineData("""{ "name": "p", "caps": [{ "name": "c", "limit": 1, "period": "fortnight", "counts": { "directions": "outbound" } }] }""")]
    [InlineData("""{ "name": "p", "windows": [{ "name": "w", "days": ["weekday"], "ranges": [{ "from": "8am", "to": "21:00" }] }] }""")]
    [InlineData("""{ "name": "p", "steps": [{ "id": "a", "channel": "email", "template": "t", "window": { "from": 0, "to": 1 }, "conditions": [{ "hasTag": "x", "autopay": true }] }] }""")]
    [InlineData("""{ "name": "p", "packs": ["us-regulation-x"] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-x" }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "options": { "textsPerDay": 2 } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "option": {} }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "textPerDay": 2 } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "textsPerDay": "2" } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "textsPerDay": 0 } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "minimumGapBetweenCalls": "5 minutes" } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "requireTextConsent": null } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-regulation-f", "options": { "countAllPlacedCalls": true } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "us-massachusetts", "options": {} }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "cn-collection", "options": { "reasonableHours": { "from": "09:00", "to": "20:00" } } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "uk-fca", "options": { "reasonableHours": { "from": "09:00" } } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "uk-fca", "options": { "reasonableHours": null } }] }""")]
    [InlineData("""{ "name": "p", "packs": [{ "id": "ru-230-fz", "options": { "stepsAllowedDuringBans": "court" } }], "holidays": [{ "name": "RU", "dates": ["2026-01-01"] }] }""")]
    [InlineData("""{ "name": "p", "packs": [7] }""")]
    [InlineData("""{ "name": "p", "caps": [{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "scope": "household" }] }""")]
    [InlineData("""{ "name": "p", "caps": [{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "contactPointKinds": ["pager"] }] }""")]
    [InlineData("""{ "name": "p", "cooldowns": [{ "name": "d", "trigger": { "directions": "outbound" }, "length": { "calendarDays": 1 }, "scope": "debt" }] }""")]
    [InlineData("""{ "name": "p", "steps": [{ "id": "a", "channel": "email", "template": "t", "window": { "from": 0, "to": 1 }, "bundle": 1 }] }""")]
    [InlineData("""{ "name": "p", "contactPointPreference": ["fax"] }""")]
    public void BadPolicy_IsRejectedByTheSchemaAndTheReader(string json)
    {
        Assert.False(Policy.Evaluate(JsonNode.Parse(json)).IsValid);
        Assert.False(PolicyJson.Read(json).Success);
    }

    [Theory]
    [InlineData("""["us-regulation-f", "us-massachusetts", "ru-230-fz", "cn-collection", "uk-fca"]""")]
    [InlineData("""[{ "id": "us-regulation-f" }, { "id": "us-massachusetts" }, { "id": "ru-230-fz", "options": {} }, { "id": "cn-collection" }, { "id": "uk-fca", "options": {} }]""")]
    [InlineData("""
        [
          "us-massachusetts",
          { "id": "us-regulation-f", "options": { "excludeUnconnectedCalls": true, "minimumGapBetweenCalls": null, "textsPerDay": 2, "emailsPerDay": 3, "requireTextConsent": true, "ceaseAcknowledgementSteps": ["cease-ack-letter"] } },
          { "id": "ru-230-fz", "options": { "countAllPlacedCalls": true, "stepsAllowedDuringBans": ["bankruptcy-letter"] } },
          { "id": "uk-fca", "options": { "reasonableHours": { "from": "09:00", "to": "20:00" } } }
        ]
        """)]
    [InlineData("""[{ "id": "us-regulation-f", "options": { "minimumGapBetweenCalls": "0:10:00", "textsPerDay": null, "emailsPerDay": null } }, { "id": "uk-fca", "options": { "reasonableHours": { "from": "07:30", "to": "24:00" } } }]""")]
    public void GoodPacks_AreAcceptedByTheSchemaAndTheReader(string packs)
    {
        var json = $$"""
            {
              "name": "p",
              "packs": {{packs}},
              "holidays": [{ "name": "RU", "region": "RU", "dates": ["2026-01-01"] }],
              "steps": [
                { "id": "cease-ack-letter", "channel": "letter", "template": "t", "window": { "from": 0, "to": 30 } },
                { "id": "bankruptcy-letter", "channel": "letter", "template": "t", "window": { "from": 0, "to": 30 } }
              ]
            }
            """;

        var results = Policy.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var read = PolicyJson.Read(json);

        Assert.True(results.IsValid, Describe(results));
        Assert.True(read.Success, string.Join(Environment.NewLine, read.Errors));
    }

    [Fact]
    public void PolicySchema_NamesExactlyTheBuiltInPacks()
    {
        Assert.Equal(JurisdictionPacks.Ids, Enum("$defs", "packId"));
        Assert.Equal(JurisdictionPacks.Ids, PackObjects().Select(p => p.Id));
    }

    [Fact]
    public void PolicySchema_GivesEachPackTheOptionsTheReaderReads()
    {
        foreach (var (id, options) in PackObjects())
        {
            Assert.Equal(PackReader.ById[id].OptionNames, options);
        }
    }

    [Fact]
    public void PolicySchema_NamesExactlyTheContactChannelsAndOutcomes()
    {
        Assert.Equal(JsonNames.ContactChannels.OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "channel"));
        Assert.Equal(JsonNames.Outcomes.Where(c => c.Value != ContactOutcome.Unknown).OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "outcome"));
        Assert.Equal(JsonNames.SelectionOrders.OrderBy(c => c.Value).Select(c => c.Key), Enum("properties", "selection"));
    }

    [Fact]
    public void PolicySchema_NamesExactlyTheScopesAndContactPointKinds()
    {
        Assert.Equal(JsonNames.Scopes.OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "scope"));
        Assert.Equal(JsonNames.ContactPointKinds.OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "contactPointKind"));
    }

    [Fact]
    public void PersonRules_AreAcceptedByTheSchemaAndTheReader()
    {
        const string json = """
            {
              "name": "p",
              "defaultZone": "UTC",
              "contactPointPreference": ["mobile", "landline"],
              "steps": [{ "id": "a", "channel": "call", "template": "t", "window": { "from": 0, "to": 9 }, "bundle": true }],
              "caps": [{ "name": "c", "limit": 2, "period": { "slidingDays": 30 }, "counts": { "channels": ["call"], "directions": "outbound" }, "scope": "contactPoint", "contactPointKinds": ["work"] }],
              "cooldowns": [{ "name": "d", "trigger": { "directions": "any", "outcomes": ["conversation"] }, "length": { "calendarDays": 1 }, "scope": "account" }]
            }
            """;

        var results = Policy.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        var read = PolicyJson.Read(json);

        Assert.True(results.IsValid, Describe(results));
        Assert.True(read.Success, string.Join(Environment.NewLine, read.Errors));
    }

    private static string[] Enum(params string[] path)
    {
        var node = JsonNode.Parse(PolicyJson.PolicySchema)!;
        foreach (var segment in path)
        {
            node = node[segment]!;
        }

        return [.. node["enum"]!.AsArray().Select(n => n!.GetValue<string>())];
    }

    /// <summary>The object form of each pack in the schema: its id and the properties of its options (none when it takes none).</summary>
    private static IEnumerable<(string Id, string[] Options)> PackObjects()
    {
        var schema = JsonNode.Parse(PolicyJson.PolicySchema)!;
        var defs = schema["$defs"]!;
        foreach (var branch in defs["pack"]!["oneOf"]!.AsArray().Where(b => b!["type"]?.GetValue<string>() == "object"))
        {
            var properties = branch!["properties"]!;
            var id = properties["id"]!["const"]!.GetValue<string>();
            var options = properties["options"]?["$ref"]?.GetValue<string>() is { } reference
                ? defs[reference["#/$defs/".Length..]]!["properties"]!.AsObject().Select(p => p.Key).ToArray()
                : [];
            yield return (id, options);
        }
    }

    private static string SourceFolder(string file) => Path.GetDirectoryName(Path.Combine(Repository.Root, "examples", "policies", file))!;

    private static string Describe(EvaluationResults results)
        => string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
