using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Validate_SamplePolicy_PrintsOkWithWhatItHoldsAndExitsZero()
    {
        var result = await Tool.RunAsync("validate", Tool.Policy("acme-us.policy.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("ok: acme-lending-us (11 steps, 3 windows, 3 caps, 2 cooldowns, 1 exhaustion rule, 5 hold rules)\n", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public async Task Validate_PolicyWithProblems_PrintsEveryOneWithFileLineAndPathAndExitsOne()
    {
        var path = tool.File("bad.policy.json", """
            {
              "name": "p",
              "steps": [
                { "id": "a", "channel": "email", "template": "t", "window": { "from": 12, "to": 5 } },
                { "id": "b", "channel": "fax", "template": "t", "window": { "from": 1, "to": 2 } }
              ],
              "colour": "blue"
            }
            """);

        var result = await Tool.RunAsync("validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal(
            [
                $"{path}: line 4, steps[0].window: window.from (12) is after window.to (5)",
                $"{path}: line 5, steps[1].channel: 'fax' is not one of email, sms, call, letter, visit, push",
                $"{path}: line 7, colour: unknown property 'colour' (expected one of: name, defaultZone, horizon, selection, packs, holidays, holidayFiles, requiredHolidays, limitedContentVoicemail, consentRequired, workplaceRestricted, contactPointPreference, steps, windows, caps, cooldowns, exhaustion, holds)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task Validate_APolicyWithMoreThanAHundredProblems_PrintsAHundredThenHowManyMore()
    {
        var windows = string.Join(",\n", Enumerable.Range(0, 130).Select(i => $$"""    { "name": "w{{i}}", "days": ["weekday"], "ranges": [{ "from": "21:00", "to": "08:00" }] }"""));
        var path = tool.File("many.policy.json", $$"""{ "name": "p", "defaultZone": "UTC", "windows": [{{windows}}] }""");

        var result = await Tool.RunAsync("validate", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(101, result.ErrorLines.Length);
        Assert.StartsWith($"{path}: line 1, windows[0].ranges[0]: range 21:00–08:00 ends before it starts", result.ErrorLines[0], StringComparison.Ordinal);
        Assert.Equal($"{path}: and 30 more", result.ErrorLines[^1]);
    }

    [Fact]
    public async Task Validate_MissingFile_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("validate", tool.PathOf("missing.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Contains("missing.json", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoFileGiven_IsAUsageErrorExitingTwo()
    {
        var result = await Tool.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("Run 'cadence --help' for usage.\n", result.Error, StringComparison.Ordinal);
    }
}
