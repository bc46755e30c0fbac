using System.Text.Json.Nodes;
using Json.Schema;
using Duration = NodaTime.Duration;

namespace Cadence.Json.Tests;

/// <summary>
/// Policy files after acceptance testing of the command line: open-ended step windows, repeats once per N local days,
/// and every problem reported, several at one path and window problems beside the others.
/// </summary>
public sealed class PolicyFileStepsTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(PolicyJson.PolicySchema);

    private const string Steps = """
        {
          "name": "daily",
          "defaultZone": "America/New_York",
          "steps": [
            { "id": "call-daily", "channel": "call", "template": "c", "window": { "from": 1 }, "repeatInterval": { "calendarDays": 1 } },
            { "id": "sms", "channel": "sms", "template": "s", "window": { "from": 0, "to": 5 }, "repeatInterval": "24:00:00", "maxAttempts": 3 }
          ],
          "windows": [ { "name": "hours", "days": ["weekday", "saturday", "sunday"], "ranges": [ { "from": "08:00", "to": "21:00" } ] } ]
        }
        """;

    [Fact]
    public void Read_AnOpenWindowAndACalendarDayRepeat_AreTheStepsOfThePolicy()
    {
        var policy = PolicyJson.Parse(Steps);

        Assert.Null(policy.Steps[0].ToDay);
        Assert.Equal(1, policy.Steps[0].RepeatCalendarDays);
        Assert.Null(policy.Steps[0].RepeatInterval);
        Assert.Equal(5, policy.Steps[1].ToDay);
        Assert.Equal(Duration.FromHours(24), policy.Steps[1].RepeatInterval);
        Assert.Null(policy.Steps[1].RepeatCalendarDays);
    }

    [Fact]
    public void Write_AnOpenWindowAndACalendarDayRepeat_ReadsBackEqualAndValidatesAgainstTheSchema()
    {
        var policy = PolicyJson.Parse(Steps);
        var written = PolicyJson.Write(policy);

        Assert.Equal(policy, PolicyJson.Parse(written));
        Assert.Contains("\"repeatInterval\": {", written, StringComparison.Ordinal);
        Assert.True(Schema.Evaluate(JsonNode.Parse(Steps)).IsValid);
        Assert.True(Schema.Evaluate(JsonNode.Parse(written)).IsValid);
    }

    [Theory]
    [InlineData("""{ "calendarDays": 0 }""", "line 1, steps[0].repeatInterval: a repeat of 0 calendar days must be at least 1 day")]
    [InlineData("""{ "calendarDays": 1, "hours": 2 }""", "line 1, steps[0].repeatInterval.hours: unknown property 'hours' (expected one of: calendarDays)")]
    [InlineData("""{ "days": 1 }""", "line 1, steps[0].repeatInterval.days: unknown property 'days' (expected one of: calendarDays)")]
    public void Read_ABadCalendarDayRepeat_IsReportedAtItsPath(string repeat, string expected)
    {
        var json = $$"""{ "name": "p", "defaultZone": "UTC", "steps": [ { "id": "x", "channel": "letter", "template": "t", "window": { "from": 1 }, "repeatInterval": {{repeat}} } ] }""";

        var result = PolicyJson.Read(json);

        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
        Assert.False(Schema.Evaluate(JsonNode.Parse(json)).IsValid);
    }

    [Fact]
    public void Read_SeveralProblemsAtOnePath_ReportsEveryOne()
    {
        const string json = """
            {
              "name": "closed",
              "defaultZone": "UTC",
              "steps": [
                { "id": "sms", "channel": "sms", "template": "s", "window": { "from": 0, "to": 5 } },
                { "id": "call", "channel": "call", "template": "c", "window": { "from": 0, "to": 5 } }
              ],
              "windows": [ { "name": "never", "days": ["weekday", "saturday", "sunday"], "ranges": [] } ]
            }
            """;

        var result = PolicyJson.Read(json);

        Assert.Equal(
            [
                "line 8, windows: the windows are never open for channel Sms: every step on it would be dropped",
                "line 8, windows: the windows are never open for channel Call: every step on it would be dropped",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AWindowProblemAndADuplicateId_AreBothReported()
    {
        const string json = """
            {
              "name": "both",
              "defaultZone": "UTC",
              "steps": [
                { "id": "sms", "channel": "sms", "template": "s", "window": { "from": 0, "to": 5 } },
                { "id": "sms", "channel": "sms", "template": "s", "window": { "from": 6, "to": 9 } }
              ],
              "windows": [ { "name": "weekdays", "days": ["weekday"], "ranges": [ { "from": "08:00", "to": "21:00" } ] } ]
            }
            """;

        var result = PolicyJson.Read(json);

        Assert.Equal(
            [
                "line 6, steps[1].id: step id 'sms' is used by an earlier step",
                "line 8, windows: the windows for channel Sms say nothing about Saturday, Sunday: add a window for those days (one with no ranges closes them)",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_FiguresThatWouldOverflowTimeArithmetic_AreRejectedAtTheirPaths()
    {
        const string json = """
            {
              "name": "huge",
              "defaultZone": "UTC",
              "horizon": "9000000:00:00",
              "steps": [
                { "id": "sms", "channel": "sms", "template": "s", "window": { "from": -2000000000, "to": 2000000000 }, "repeatInterval": { "calendarDays": 2147483647 } }
              ],
              "windows": [ { "name": "hours", "days": ["all"], "ranges": [ { "from": "08:00", "to": "21:00" } ] } ],
              "caps": [
                { "name": "sliding", "limit": 1, "period": { "slidingDays": 2147483647 }, "counts": { "directions": "outbound" } },
                { "name": "rolling", "limit": 1, "period": { "rolling": "900000:00:00" }, "counts": { "directions": "outbound" } }
              ],
              "cooldowns": [ { "name": "long", "trigger": { "directions": "any" }, "length": { "calendarDays": 100000 } } ]
            }
            """;

        var result = PolicyJson.Read(json);

        Assert.Equal(
            [
                "line 4, horizon: the horizon (375000:00:00:00) must be at most 36500 days",
                "line 6, steps[0].window: the step's days must lie within 36500 days of the due date",
                "line 6, steps[0].repeatInterval: a repeat of 2147483647 calendar days must be at most 36500 days",
                "line 10, caps[0].period: the period (2147483647 consecutive days) must be at most 36500 days",
                "line 11, caps[1].period: the period (rolling 37500:00:00:00) must be at most 36500 days",
                "line 13, cooldowns[0].length: the cooldown's length (100000 calendar days) must be at most 36500 days",
            ],
            result.Errors.Select(e => e.ToString()));
    }
}
