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
    public void BadPolicy_IsRejectedByTheSchemaAndTheReader(string json)
    {
        Assert.False(Policy.Evaluate(JsonNode.Parse(json)).IsValid);
        Assert.False(PolicyJson.Read(json).Success);
    }

    [Fact]
    public void PolicySchema_NamesExactlyTheBuiltInPacks()
        => Assert.Equal(JurisdictionPacks.Ids, Enum("properties", "packs", "items"));

    [Fact]
    public void PolicySchema_NamesExactlyTheContactChannelsAndOutcomes()
    {
        Assert.Equal(JsonNames.ContactChannels.OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "channel"));
        Assert.Equal(JsonNames.Outcomes.OrderBy(c => c.Value).Select(c => c.Key), Enum("$defs", "outcome"));
        Assert.Equal(JsonNames.SelectionOrders.OrderBy(c => c.Value).Select(c => c.Key), Enum("properties", "selection"));
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

    private static string SourceFolder(string file) => Path.GetDirectoryName(Path.Combine(Repository.Root, "examples", "policies", file))!;

    private static string Describe(EvaluationResults results)
        => string.Join(Environment.NewLine, (results.Details ?? []).Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));
}
