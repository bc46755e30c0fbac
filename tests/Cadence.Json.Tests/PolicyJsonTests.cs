using Cadence.Json.Tests.Support;
using Cadence.Jurisdictions;
using NodaTime;

namespace Cadence.Json.Tests;

public sealed class PolicyJsonTests
{
    private static string Sample(string name) => Path.Combine(Repository.Policies, name);

    [Theory]
    [InlineData("acme-us.policy.json", "us-regulation-f")]
    [InlineData("ru-lender.policy.json", "ru-230-fz")]
    [InlineData("cn-lender.policy.json", "cn-collection")]
    public void ReadFile_SamplePolicy_LoadsComposedWithItsPack(string file, string pack)
    {
        var result = PolicyJson.ReadFile(Sample(file));

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        var packPolicy = JurisdictionPacks.Create(pack, result.Policy!.Holidays);
        Assert.All(packPolicy.Caps, cap => Assert.Contains(cap, result.Policy.Caps));
        Assert.All(packPolicy.Windows, window => Assert.Contains(window, result.Policy.Windows));
    }

    [Fact]
    public void ReadFile_UnitedKingdomLender_LoadsComposedWithThePackAtTheHoursItSets()
    {
        var result = PolicyJson.ReadFile(Sample("uk-lender.policy.json"));

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        var pack = JurisdictionPacks.UnitedKingdom(TimeRange.Of(8, 0, 20, 0));
        Assert.Equal([.. result.Policy!.Windows.Where(w => w.Name.StartsWith("uk-", StringComparison.Ordinal))], pack.Windows);
    }

    [Fact]
    public void ReadFile_RussianLender_UsesTheHolidayFileItNames()
    {
        var policy = PolicyJson.Load(Sample("ru-lender.policy.json"));

        Assert.True(policy.Holidays.IsHoliday(new LocalDate(2026, 6, 12)));
        Assert.False(policy.Holidays.IsHoliday(new LocalDate(2026, 6, 11)));
    }

    [Fact]
    public void Read_StepWindowBackwards_SaysWhereWithPathAndLine()
    {
        const string json = """
            {
              "name": "p",
              "steps": [
                { "id": "a", "channel": "email", "template": "t", "window": { "from": 1, "to": 2 } },
                { "id": "b", "channel": "email", "template": "t", "window": { "from": 12, "to": 5 } }
              ]
            }
            """;

        var result = PolicyJson.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal("steps[1].window", error.Path);
        Assert.Equal(5, error.Line);
        Assert.Equal("window.from (12) is after window.to (5)", error.Message);
        Assert.Equal("line 5, steps[1].window: window.from (12) is after window.to (5)", error.ToString());
    }

    [Fact]
    public void Read_ManyProblems_ReportsEveryOneInFileOrder()
    {
        const string json = """
            {
              "name": "p",
              "colour": "blue",
              "steps": [
                { "id": "a", "channel": "fax", "template": "t", "window": { "from": 1, "to": 2 } },
                { "id": "b", "channel": "email", "template": "t", "window": { "from": 1, "to": 2 }, "repeatInterval": "soon" }
              ],
              "windows": [
                { "name": "w", "days": ["weekday", "saturday", "sunday"], "ranges": [{ "from": "08:00", "to": "25:00" }] }
              ],
              "caps": [
                { "name": "c", "limit": 0, "period": "calendarDay", "counts": { "directions": "outbound" } }
              ],
              "packs": ["us-regulation-x"]
            }
            """;

        var result = PolicyJson.Read(json);

        Assert.False(result.Success);
        Assert.Equal(
            [
                "line 3, colour: unknown property 'colour' (expected one of: name, defaultZone, horizon, selection, packs, holidays, holidayFiles, requiredHolidays, limitedContentVoicemail, consentRequired, workplaceRestricted, contactPointPreference, steps, windows, caps, cooldowns, exhaustion, holds)",
                "line 5, steps[0].channel: 'fax' is not one of email, sms, call, letter, visit, push",
                "line 6, steps[1].repeatInterval: 'soon' is not a duration written hours:minutes:seconds, such as 72:00:00 (3 days) or 0:05:00",
                "line 9, windows[0].ranges[0].to: '25:00' is not a time of day such as 08:00 (24:00 for the end of the day)",
                "line 12, caps[0].limit: a cap of 0 would forbid every contact; remove the channel instead",
                "line 14, packs[0]: 'us-regulation-x' is not a built-in jurisdiction pack; the packs are us-regulation-f, us-massachusetts, ru-230-fz, cn-collection, uk-fca",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_NotJson_GivesTheLineOfTheSyntaxError()
    {
        var result = PolicyJson.Read("{\n  \"name\": \"p\",\n  \"steps\": [,]\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.StartsWith("the text is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RussianPackWithoutHolidays_FailsAndSaysWhatIsMissing()
    {
        const string json = """
            {
              "name": "p",
              "packs": ["ru-230-fz"]
            }
            """;

        var error = Assert.Single(PolicyJson.Read(json).Errors);

        Assert.Equal("packs[0]", error.Path);
        Assert.Equal(3, error.Line);
        Assert.Contains("needs a holiday calendar", error.Message, StringComparison.Ordinal);
        Assert.Contains("RU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownZone_IsAnErrorAtDefaultZone()
    {
        var error = Assert.Single(PolicyJson.Read("""{ "name": "p", "defaultZone": "Mars/Olympus" }""").Errors);

        Assert.Equal("defaultZone", error.Path);
        Assert.Contains("'Mars/Olympus' is not a time zone id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadPolicy_ThrowsListingEveryProblem()
    {
        var e = Assert.Throws<PolicyValidationException>(() => PolicyJson.Parse("""{ "name": "p", "horizon": "0:00:00", "holds": [{ "name": "h", "kind": "dispute" }] }"""));

        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("horizon", e.Message, StringComparison.Ordinal);
        Assert.Contains("the hold rule blocks nothing", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_CustomCondition_IsNotSupported()
    {
        var policy = CadencePolicy.CreateBuilder("p")
            .AddStep(CadenceStep.Contact("a", Channel.Email, "t", 0, 1) with { Conditions = [StepCondition.Custom("vip", _ => true)] })
            .Build();

        var e = Assert.Throws<NotSupportedException>(() => PolicyJson.Write(policy));

        Assert.Contains("custom condition 'vip'", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("us-regulation-f")]
    [InlineData("us-massachusetts")]
    [InlineData("ru-230-fz")]
    [InlineData("cn-collection")]
    [InlineData("uk-fca")]
    public void Write_Pack_MatchesTheCommittedReviewCopy(string id)
    {
        var holidays = HolidayCalendarJson.Load(Sample("ru-2026.holidays.json"));
        var pack = JurisdictionPacks.Create(id, holidays);

        var written = PolicyJson.Write(pack, "../../../src/Cadence.Json/schemas/cadence-policy.schema.json");

        Assert.Equal(written, File.ReadAllText(Sample(Path.Combine("packs", id + ".policy.json"))).ReplaceLineEndings("\n"));
        Assert.Equal(pack, PolicyJson.Parse(written));
    }

    [Theory]
    [InlineData("/etc/passwd", "is not inside the policy's folder: name a file beside the policy or below it")]
    [InlineData("../../../../../../etc/passwd", "is not inside the policy's folder: name a file beside the policy or below it")]
    [InlineData("/proc/self/environ", "is not inside the policy's folder: name a file beside the policy or below it")]
    [InlineData("/dev/zero", "is not inside the policy's folder: name a file beside the policy or below it")]
    [InlineData("missing.holidays.json", "does not exist in the policy's folder")]
    [InlineData("big.holidays.json", "is larger than 1024 KiB")]
    [InlineData("outside-link.holidays.json", "is not a regular file")]
    [InlineData("linked-folder/hostname", "is not a regular file")]
    public void Read_AHolidayFileOutsideThePolicysFolderOrNotARegularSmallFile_IsRefusedWithoutReadingIt(string file, string problem)
    {
        var folder = Directory.CreateTempSubdirectory("cadence-holidays-");
        var outside = Directory.CreateTempSubdirectory("cadence-elsewhere-");
        try
        {
            File.WriteAllText(Path.Combine(outside.FullName, "hostname"), "secret");
            File.WriteAllBytes(Path.Combine(folder.FullName, "big.holidays.json"), new byte[PolicyJsonReader.MaxHolidayFileBytes + 1]);
            File.CreateSymbolicLink(Path.Combine(folder.FullName, "outside-link.holidays.json"), Path.Combine(outside.FullName, "hostname"));
            Directory.CreateSymbolicLink(Path.Combine(folder.FullName, "linked-folder"), outside.FullName);
            var json = $$"""{ "name": "p", "holidayFiles": ["{{file}}"] }""";

            var error = Assert.Single(PolicyJson.Read(json, new PolicyJsonOptions { BaseDirectory = folder.FullName }).Errors);

            Assert.Equal($"line 1, holidayFiles[0]: the holiday file '{file}' {problem}", error.ToString());
        }
        finally
        {
            folder.Delete(recursive: true);
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_AHolidayFileInASubfolder_IsRead()
    {
        var folder = Directory.CreateTempSubdirectory("cadence-holidays-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "calendars"));
            File.WriteAllText(Path.Combine(folder.FullName, "calendars", "x.holidays.json"), """{ "name": "X-2026", "dates": ["2026-01-01"] }""");
            var json = """{ "name": "p", "holidayFiles": ["calendars/x.holidays.json"] }""";

            var policy = PolicyJson.Read(json, new PolicyJsonOptions { BaseDirectory = folder.FullName }).Policy!;

            Assert.True(policy.Holidays.IsHoliday(new NodaTime.LocalDate(2026, 1, 1)));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_HolidayFilesGivenInMemory_AreReadFromThereAndNeverFromTheDisk()
    {
        var json = """{ "name": "p", "holidayFiles": ["calendars/x.holidays.json", "y.holidays.json"] }""";
        var given = new Dictionary<string, string> { ["calendars/x.holidays.json"] = """{ "name": "X-2026", "dates": ["2026-01-01"] }""" };

        var result = PolicyJson.Read(json, new PolicyJsonOptions { HolidayFiles = given, BaseDirectory = AppContext.BaseDirectory });

        Assert.Equal("line 1, holidayFiles[1]: the holiday file 'y.holidays.json' is not among the holiday files given", Assert.Single(result.Errors).ToString());
        var policy = PolicyJson.Read(json.Replace(", \"y.holidays.json\"", string.Empty, StringComparison.Ordinal), new PolicyJsonOptions { HolidayFiles = given }).Policy!;
        Assert.True(policy.Holidays.IsHoliday(new NodaTime.LocalDate(2026, 1, 1)));
    }

    private const string PersonRules = """
        {
          "name": "p",
          "defaultZone": "America/New_York",
          "contactPointPreference": ["landline", "mobile"],
          "steps": [
            { "id": "reminder", "channel": "email", "template": "t", "window": { "from": 0, "to": 30 }, "bundle": true }
          ],
          "caps": [
            { "name": "per-debt", "limit": 7, "period": { "slidingDays": 7 }, "counts": { "channels": ["call"], "directions": "outbound" }, "scope": "account" },
            { "name": "per-number", "limit": 6, "period": "calendarDay", "counts": { "channels": ["call"], "directions": "outbound" }, "scope": "contactPoint" },
            { "name": "work-numbers", "limit": 2, "period": { "slidingDays": 30 }, "counts": { "channels": ["call"], "directions": "outbound" }, "contactPointKinds": ["work", "other"] },
            { "name": "per-person", "limit": 3, "period": "calendarDay", "counts": { "directions": "any" }, "scope": "person" }
          ],
          "cooldowns": [
            { "name": "after-talk", "trigger": { "directions": "any", "outcomes": ["conversation"] }, "length": { "calendarDays": 2 }, "scope": "account" },
            { "name": "gap", "trigger": { "directions": "outbound" }, "length": { "duration": "0:05:00" }, "scope": "contactPoint" }
          ]
        }
        """;

    [Fact]
    public void Read_ScopesKindsBundleAndPreference_GivesThemToThePolicy()
    {
        var policy = PolicyJson.Parse(PersonRules);

        Assert.Equal([RuleScope.Account, RuleScope.ContactPoint, RuleScope.Person, RuleScope.Person], policy.Caps.Select(c => c.Scope));
        Assert.Equal([ContactPointKind.Work, ContactPointKind.Other], policy.Caps[2].ContactPointKinds);
        Assert.Empty(policy.Caps[0].ContactPointKinds);
        Assert.Equal([RuleScope.Account, RuleScope.ContactPoint], policy.Cooldowns.Select(c => c.Scope));
        Assert.True(policy.Steps[0].Bundle);
        Assert.Equal([ContactPointKind.Landline, ContactPointKind.Mobile], policy.ContactPointPreference);
    }

    [Fact]
    public void Read_NoScopeKindsBundleOrPreference_CountsPerPersonWithTheDefaultPreference()
    {
        const string json = """
            {
              "name": "p",
              "defaultZone": "UTC",
              "steps": [{ "id": "a", "channel": "email", "template": "t", "window": { "from": 0, "to": 3 } }],
              "caps": [{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" } }],
              "cooldowns": [{ "name": "d", "trigger": { "directions": "outbound" }, "length": { "calendarDays": 1 } }]
            }
            """;

        var policy = PolicyJson.Parse(json);

        Assert.Equal(RuleScope.Person, policy.Caps[0].Scope);
        Assert.Empty(policy.Caps[0].ContactPointKinds);
        Assert.Equal(RuleScope.Person, policy.Cooldowns[0].Scope);
        Assert.False(policy.Steps[0].Bundle);
        Assert.Equal(CadencePolicy.DefaultContactPointPreference, policy.ContactPointPreference);
        Assert.DoesNotContain("scope", PolicyJson.Write(policy), StringComparison.Ordinal);
        Assert.DoesNotContain("contactPointPreference", PolicyJson.Write(policy), StringComparison.Ordinal);
        Assert.DoesNotContain("bundle", PolicyJson.Write(policy), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ScopesKindsBundleAndPreference_ReadBackToTheSamePolicy()
    {
        var policy = PolicyJson.Parse(PersonRules);

        var written = PolicyJson.Write(policy);

        Assert.Equal(policy, PolicyJson.Parse(written));
        Assert.Contains("\"scope\": \"contactPoint\"", written, StringComparison.Ordinal);
        Assert.Contains("\"bundle\": true", written, StringComparison.Ordinal);
        Assert.DoesNotContain("\"scope\": \"person\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_AnEmptyPreference_IsWrittenAndReadBackEmpty()
    {
        var policy = CadencePolicy.CreateBuilder("p").WithDefaultZone("UTC").WithContactPointPreference([])
            .AddStep(CadenceStep.Contact("a", Channel.Email, "t", 0, 3)).Build();

        var read = PolicyJson.Parse(PolicyJson.Write(policy));

        Assert.Empty(read.ContactPointPreference);
    }

    [Theory]
    [InlineData("""{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "scope": "household" }""", "caps[0].scope", "'household' is not one of person, account, contactPoint")]
    [InlineData("""{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "scope": 1 }""", "caps[0].scope", "expected a string, found the number 1")]
    [InlineData("""{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "contactPointKinds": ["pager"] }""", "caps[0].contactPointKinds[0]", "'pager' is not one of unspecified, mobile, landline, work, personalEmail, workEmail, postal, app, other")]
    [InlineData("""{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" }, "contactPointKinds": "work" }""", "caps[0].contactPointKinds", "expected an array, found the string 'work'")]
    public void Read_ABadCapScopeOrKind_SaysWhere(string cap, string path, string message)
    {
        var json = $$"""{ "name": "p", "defaultZone": "UTC", "caps": [{{cap}}] }""";

        var error = Assert.Single(PolicyJson.Read(json).Errors);

        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("""{ "name": "p", "defaultZone": "UTC", "cooldowns": [{ "name": "d", "trigger": { "directions": "outbound" }, "length": { "calendarDays": 1 }, "scope": "Account" }] }""", "cooldowns[0].scope", "'Account' is not one of person, account, contactPoint")]
    [InlineData("""{ "name": "p", "defaultZone": "UTC", "steps": [{ "id": "a", "channel": "email", "template": "t", "window": { "from": 0, "to": 3 }, "bundle": "yes" }] }""", "steps[0].bundle", "expected true or false, found the string 'yes'")]
    [InlineData("""{ "name": "p", "defaultZone": "UTC", "contactPointPreference": ["mobile", "fax"] }""", "contactPointPreference[1]", "'fax' is not one of unspecified, mobile, landline, work, personalEmail, workEmail, postal, app, other")]
    [InlineData("""{ "name": "p", "defaultZone": "UTC", "contactPointPreference": "mobile" }""", "contactPointPreference", "expected an array, found the string 'mobile'")]
    public void Read_ABadCooldownScopeBundleOrPreference_SaysWhere(string json, string path, string message)
    {
        var error = Assert.Single(PolicyJson.Read(json).Errors);

        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Read_UnknownInAListOfOutcomes_IsRefusedWithItsPath()
    {
        const string json = """
            {
              "name": "p",
              "caps": [{ "name": "c", "limit": 1, "period": "calendarDay", "counts": { "channels": ["call"], "directions": "outbound", "outcomes": ["conversation", "unknown"] } }],
              "exhaustion": [{ "name": "e", "consecutiveFailures": 3, "failureOutcomes": ["unknown"] }]
            }
            """;

        var result = PolicyJson.Read(json);

        Assert.Equal(
            [
                "line 3, caps[0].counts.outcomes[1]: unknown is not listed: every list of outcomes matches an attempt whose outcome is unknown",
                "line 4, exhaustion[0].failureOutcomes[0]: unknown is not listed: an attempt whose outcome is unknown always counts as a failure",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AFilterListingOutcomes_MatchesAnUnknownAttempt()
    {
        const string json = """
            {
              "name": "p",
              "cooldowns": [{ "name": "after-conversation", "trigger": { "channels": ["call"], "directions": "any", "outcomes": ["conversation"] }, "length": { "calendarDays": 7 }, "blocks": ["call"] }]
            }
            """;
        var at = Instant.FromUtc(2026, 3, 3, 14, 0);

        var trigger = Assert.Single(PolicyJson.Parse(json).Cooldowns).Trigger;

        Assert.True(trigger.Matches(new ContactAttempt(at, Channel.Call, ContactDirection.Outbound, ContactOutcome.Unknown)));
        Assert.False(trigger.Matches(new ContactAttempt(at, Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer)));
    }
}
