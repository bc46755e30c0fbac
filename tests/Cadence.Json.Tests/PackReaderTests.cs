using Cadence.Jurisdictions;
using NodaTime;

namespace Cadence.Json.Tests;

/// <summary>
/// Packs named in a policy file, by id or as <c>{ "id", "options" }</c>: each option read from a file composes the
/// policy the pack's option in code does, and every problem is reported at its path and line.
/// </summary>
public sealed class PackReaderTests
{
    /// <summary>The lender part of every file below; <c>packs</c> is on line 3, one pack a line from line 4 when written as a list.</summary>
    private static string File(string packs) => $$"""
        {
          "name": "acme",
          "packs": {{packs}},
          "holidays": [{ "name": "RU-2026", "region": "RU", "dates": ["2026-01-01", "2026-06-12"] }],
          "steps": [
            { "id": "sms-overdue", "channel": "sms", "template": "overdue-sms", "window": { "from": 1, "to": 29 } },
            { "id": "call-overdue", "channel": "call", "template": "overdue-call", "window": { "from": 3, "to": 59 } },
            { "id": "cease-ack-letter", "channel": "letter", "template": "cease-ack", "window": { "from": 0, "to": 365 } },
            { "id": "bankruptcy-letter", "channel": "letter", "template": "to-the-manager", "window": { "from": 0, "to": 365 } }
          ]
        }
        """;

    private static CadencePolicy Lender { get; } = PolicyJson.Parse(File("[]"));

    /// <summary>The policy a file with <paramref name="packs"/> should read to: the lender composed in code with the packs built in code.</summary>
    private static CadencePolicy Composed(params CadencePolicy[] packs) => CadencePolicy.Compose("acme", [Lender, .. packs]);

    private static string[] Errors(string json) => [.. PolicyJson.Read(json).Errors.Select(e => e.ToString())];

    [Fact]
    public void ById_EveryBuiltInPack_HasItsOptionsReader()
        => Assert.Equal(JurisdictionPacks.Ids.Order(StringComparer.Ordinal), PackReader.ById.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void OptionNames_EachPack_AreTheOptionsItHasInCode()
    {
        Assert.Equal(
            ["excludeUnconnectedCalls", "minimumGapBetweenCalls", "textsPerDay", "emailsPerDay", "callsPerPersonIn7Days", "requireTextConsent", "ceaseAcknowledgementSteps"],
            PackReader.ById[JurisdictionPacks.UsRegulationFId].OptionNames);
        Assert.Equal(["countAllPlacedCalls", "stepsAllowedDuringBans"], PackReader.ById[JurisdictionPacks.Russia230FzId].OptionNames);
        Assert.Equal(["reasonableHours"], PackReader.ById[JurisdictionPacks.UnitedKingdomId].OptionNames);
        Assert.Empty(PackReader.ById[JurisdictionPacks.UsMassachusettsId].OptionNames);
        Assert.Empty(PackReader.ById[JurisdictionPacks.ChinaId].OptionNames);
    }

    [Theory]
    [InlineData("""["us-regulation-f", "us-massachusetts", "cn-collection", "uk-fca", "ru-230-fz"]""")]
    [InlineData("""[{ "id": "us-regulation-f" }, { "id": "us-massachusetts" }, { "id": "cn-collection" }, { "id": "uk-fca" }, { "id": "ru-230-fz" }]""")]
    [InlineData("""[{ "id": "us-regulation-f", "options": {} }, "us-massachusetts", { "id": "cn-collection", "options": null }, { "id": "uk-fca", "options": {} }, { "id": "ru-230-fz", "options": {} }]""")]
    public void Read_PackIdOrObjectWithoutOptions_ComposesThePacksWithTheirDefaults(string packs)
    {
        var expected = Composed(
            JurisdictionPacks.UsRegulationF(),
            JurisdictionPacks.UsMassachusetts(),
            JurisdictionPacks.China(),
            JurisdictionPacks.UnitedKingdom(),
            JurisdictionPacks.Russia230Fz(Lender.Holidays));

        Assert.Equal(expected, PolicyJson.Parse(File(packs)));
    }

    [Theory]
    [InlineData("excludeUnconnectedCalls", "true")]
    [InlineData("minimumGapBetweenCalls", "\"0:10:00\"")]
    [InlineData("minimumGapBetweenCalls", "null")]
    [InlineData("textsPerDay", "2")]
    [InlineData("textsPerDay", "null")]
    [InlineData("emailsPerDay", "1")]
    [InlineData("emailsPerDay", "null")]
    [InlineData("callsPerPersonIn7Days", "10")]
    [InlineData("requireTextConsent", "false")]
    [InlineData("ceaseAcknowledgementSteps", """["cease-ack-letter"]""")]
    public void Read_RegulationFOption_ComposesAsTheOptionInCode(string option, string value)
    {
        RegulationFOptions options = (option, value) switch
        {
            ("excludeUnconnectedCalls", _) => new() { ExcludeUnconnectedCalls = true },
            ("minimumGapBetweenCalls", "null") => new() { MinimumGapBetweenCalls = null },
            ("minimumGapBetweenCalls", _) => new() { MinimumGapBetweenCalls = Duration.FromMinutes(10) },
            ("textsPerDay", "null") => new() { TextsPerDay = null },
            ("textsPerDay", _) => new() { TextsPerDay = 2 },
            ("emailsPerDay", "null") => new() { EmailsPerDay = null },
            ("emailsPerDay", _) => new() { EmailsPerDay = 1 },
            ("callsPerPersonIn7Days", _) => new() { CallsPerPersonIn7Days = 10 },
            ("requireTextConsent", _) => new() { RequireTextConsent = false },
            _ => new() { CeaseAcknowledgementSteps = ["cease-ack-letter"] },
        };

        var policy = PolicyJson.Parse(File($$"""[{ "id": "us-regulation-f", "options": { "{{option}}": {{value}} } }]"""));

        Assert.Equal(Composed(JurisdictionPacks.UsRegulationF(options)), policy);
        Assert.NotEqual(Composed(JurisdictionPacks.UsRegulationF()), policy);
    }

    [Fact]
    public void Read_RegulationFEveryOption_ComposesAsTheOptionsInCode()
    {
        var policy = PolicyJson.Parse(File("""
            [
                "us-massachusetts",
                { "id": "us-regulation-f", "options": { "excludeUnconnectedCalls": true, "minimumGapBetweenCalls": null, "textsPerDay": 2, "emailsPerDay": 3, "requireTextConsent": true, "ceaseAcknowledgementSteps": ["cease-ack-letter"] } }
              ]
            """));

        var options = new RegulationFOptions { ExcludeUnconnectedCalls = true, MinimumGapBetweenCalls = null, TextsPerDay = 2, EmailsPerDay = 3, RequireTextConsent = true, CeaseAcknowledgementSteps = ["cease-ack-letter"] };
        Assert.Equal(Composed(JurisdictionPacks.UsMassachusetts(), JurisdictionPacks.UsRegulationF(options)), policy);
    }

    [Fact]
    public void Read_RegulationFCapsAndGap_ChangeTheRulesTheyName()
    {
        var policy = PolicyJson.Parse(File("""[{ "id": "us-regulation-f", "options": { "minimumGapBetweenCalls": null, "textsPerDay": 2, "emailsPerDay": null, "requireTextConsent": false } }]"""));

        Assert.Equal(2, Assert.Single(policy.Caps, c => c.Name == "reg-f-texts-per-day").Limit);
        Assert.DoesNotContain(policy.Caps, c => c.Name == "reg-f-emails-per-day");
        Assert.DoesNotContain(policy.Cooldowns, c => c.Name == "reg-f-calls-apart");
        Assert.DoesNotContain(Channel.Sms, policy.ConsentRequired);
    }

    [Fact]
    public void Read_CeaseAcknowledgementSteps_AreExceptedFromTheCeaseHold()
    {
        var policy = PolicyJson.Parse(File("""[{ "id": "us-regulation-f", "options": { "ceaseAcknowledgementSteps": ["cease-ack-letter"] } }]"""));

        var cease = Assert.Single(policy.HoldRules, h => h.Name == "reg-f-cease-communication");
        Assert.Equal(["cease-ack-letter"], cease.ExceptSteps);
    }

    [Theory]
    [InlineData("""{ "countAllPlacedCalls": true }""")]
    [InlineData("""{ "stepsAllowedDuringBans": ["bankruptcy-letter"] }""")]
    [InlineData("""{ "countAllPlacedCalls": true, "stepsAllowedDuringBans": ["bankruptcy-letter", "cease-ack-letter"] }""")]
    public void Read_Russia230FzOptions_ComposeAsTheOptionsInCode(string options)
    {
        var inCode = new Russia230FzOptions
        {
            CountAllPlacedCalls = options.Contains("countAllPlacedCalls", StringComparison.Ordinal),
            StepsAllowedDuringBans = options.Contains("cease-ack-letter", StringComparison.Ordinal) ? ["bankruptcy-letter", "cease-ack-letter"]
                : options.Contains("bankruptcy-letter", StringComparison.Ordinal) ? ["bankruptcy-letter"]
                : [],
        };

        var policy = PolicyJson.Parse(File($$"""[{ "id": "ru-230-fz", "options": {{options}} }]"""));

        Assert.Equal(Composed(JurisdictionPacks.Russia230Fz(Lender.Holidays, inCode)), policy);
        Assert.NotEqual(Composed(JurisdictionPacks.Russia230Fz(Lender.Holidays)), policy);
    }

    [Fact]
    public void Read_RussiaStepsAllowedDuringBans_AreExceptedFromEveryBan()
    {
        var policy = PolicyJson.Parse(File("""[{ "id": "ru-230-fz", "options": { "stepsAllowedDuringBans": ["bankruptcy-letter"] } }]"""));

        var bans = policy.HoldRules.Where(h => h.Name.StartsWith("230-fz-", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, bans.Count);
        Assert.All(bans, h => Assert.Equal(["bankruptcy-letter"], h.ExceptSteps));
    }

    [Fact]
    public void Read_RussiaCountAllPlacedCalls_CountsEveryOutcomeOfACall()
    {
        var policy = PolicyJson.Parse(File("""[{ "id": "ru-230-fz", "options": { "countAllPlacedCalls": true } }]"""));

        Assert.Empty(Assert.Single(policy.Caps, c => c.Name == "230-fz-calls-per-day").Counts.Outcomes);
    }

    [Theory]
    [InlineData("09:00", "20:00")]
    [InlineData("07:30", "24:00")]
    public void Read_UnitedKingdomReasonableHours_ComposesAsTheHoursInCode(string from, string to)
    {
        var policy = PolicyJson.Parse(File($$"""[{ "id": "uk-fca", "options": { "reasonableHours": { "from": "{{from}}", "to": "{{to}}" } } }]"""));

        var hours = new TimeRange(
            NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(from).Value,
            to == "24:00" ? LocalTime.Midnight : NodaTime.Text.LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(to).Value);
        Assert.Equal(Composed(JurisdictionPacks.UnitedKingdom(hours)), policy);
        Assert.Equal([hours], Assert.Single(policy.Windows, w => w.Name == "uk-reasonable-hours").Ranges);
    }

    [Fact]
    public void Read_OptionOfTheWrongType_IsAnErrorAtTheOption()
    {
        var errors = Errors(File("""
            [
                "us-massachusetts",
                { "id": "us-regulation-f", "options": { "textsPerDay": "2", "minimumGapBetweenCalls": "soon", "requireTextConsent": null, "ceaseAcknowledgementSteps": ["cease-ack-letter", 7] } },
                { "id": "ru-230-fz", "options": { "countAllPlacedCalls": "yes", "stepsAllowedDuringBans": "bankruptcy-letter" } },
                { "id": "uk-fca", "options": { "reasonableHours": { "from": "9am", "to": "25:00" } } }
              ]
            """));

        Assert.Equal(
            [
                "line 5, packs[1].options.textsPerDay: expected a whole number, found the string '2'",
                "line 5, packs[1].options.minimumGapBetweenCalls: 'soon' is not a duration written hours:minutes:seconds, such as 72:00:00 (3 days) or 0:05:00",
                "line 5, packs[1].options.requireTextConsent: expected true or false, found null",
                "line 5, packs[1].options.ceaseAcknowledgementSteps[1]: expected a string, found the number 7",
                "line 6, packs[2].options.countAllPlacedCalls: expected true or false, found the string 'yes'",
                "line 6, packs[2].options.stepsAllowedDuringBans: expected an array, found the string 'bankruptcy-letter'",
                "line 7, packs[3].options.reasonableHours.from: '9am' is not a time of day such as 08:00",
                "line 7, packs[3].options.reasonableHours.to: '25:00' is not a time of day such as 08:00 (24:00 for the end of the day)",
            ],
            errors);
    }

    [Fact]
    public void Read_UnknownOptionProperty_IsRejectedNamingTheOptionsOfThePack()
    {
        var errors = Errors(File("""
            [
                { "id": "us-regulation-f", "options": { "textPerDay": 2 } },
                { "id": "ru-230-fz", "options": { "countAllCalls": true } },
                { "id": "uk-fca", "options": { "hours": { "from": "09:00", "to": "20:00" } } }
              ]
            """));

        Assert.Equal(
            [
                "line 4, packs[0].options.textPerDay: unknown property 'textPerDay' (expected one of: excludeUnconnectedCalls, minimumGapBetweenCalls, textsPerDay, emailsPerDay, callsPerPersonIn7Days, requireTextConsent, ceaseAcknowledgementSteps)",
                "line 5, packs[1].options.countAllCalls: unknown property 'countAllCalls' (expected one of: countAllPlacedCalls, stepsAllowedDuringBans)",
                "line 6, packs[2].options.hours: unknown property 'hours' (expected one of: reasonableHours)",
            ],
            errors);
    }

    [Fact]
    public void Read_OptionsForAPackThatHasNone_AreRejected()
    {
        var errors = Errors(File("""
            [
                { "id": "us-massachusetts", "options": { "callsPerWeek": 3 } },
                { "id": "cn-collection", "options": {} }
              ]
            """));

        Assert.Equal(
            [
                "line 4, packs[0].options: the pack 'us-massachusetts' has no options",
                "line 5, packs[1].options: the pack 'cn-collection' has no options",
            ],
            errors);
    }

    [Fact]
    public void Read_PackObjectMalformed_SaysWhatIsWrongWhere()
    {
        var errors = Errors(File("""
            [
                { "id": "us-regulation-x", "options": { "textsPerDay": 2 } },
                { "options": { "textsPerDay": 2 } },
                { "id": "uk-fca", "option": {} },
                7,
                { "id": "cn-collection", "id": "uk-fca" }
              ]
            """));

        Assert.Equal(
            [
                "line 4, packs[0].id: 'us-regulation-x' is not a built-in jurisdiction pack; the packs are us-regulation-f, us-massachusetts, ru-230-fz, cn-collection, uk-fca",
                "line 5, packs[1]: required property 'id' is missing",
                "line 6, packs[2].option: unknown property 'option' (expected one of: id, options, regions)",
                "line 7, packs[3]: expected a pack id or an object with 'id' and 'options', found the number 7",
                "line 8, packs[4].id: property 'id' is given twice",
            ],
            errors);
    }

    [Fact]
    public void Read_PackNamedTwice_IsAnErrorAtTheSecondEvenWhenTheFirstHasProblems()
    {
        var errors = Errors(File("""
            [
                "us-regulation-f",
                { "id": "us-regulation-f", "options": { "textsPerDay": 2 } },
                { "id": "uk-fca", "options": { "reasonableHours": "09:00-20:00" } },
                "uk-fca"
              ]
            """));

        Assert.Equal(
            [
                "line 5, packs[1]: the pack 'us-regulation-f' is already named at packs[0]",
                "line 6, packs[2].options.reasonableHours: expected an object, found the string '09:00-20:00'",
                "line 7, packs[3]: the pack 'uk-fca' is already named at packs[2]",
            ],
            errors);
    }

    [Fact]
    public void Read_OptionValueThePackRejects_IsAnErrorAtTheOption()
    {
        var errors = Errors(File("""
            [
                { "id": "us-regulation-f", "options": { "textsPerDay": 0, "emailsPerDay": -1, "minimumGapBetweenCalls": "0:00:00", "excludeUnconnectedCalls": true } },
                { "id": "uk-fca", "options": { "reasonableHours": { "from": "20:00", "to": "09:00" } } }
              ]
            """));

        Assert.Equal(
            [
                "line 4, packs[0].options.textsPerDay: a cap of 0 would forbid every contact; remove the channel instead",
                "line 4, packs[0].options.emailsPerDay: a cap of -1 would forbid every contact; remove the channel instead",
                "line 4, packs[0].options.minimumGapBetweenCalls: the cooldown's length must be positive",
                "line 5, packs[1].options.reasonableHours: range 20:00–09:00 ends before it starts (use 24:00 for the end of the day)",
            ],
            errors);
    }

    [Fact]
    public void Read_StepIdThePolicyDoesNotHave_IsAnErrorAtTheListedId()
    {
        var errors = Errors(File("""
            [
                { "id": "us-regulation-f", "options": { "ceaseAcknowledgementSteps": ["cease-ack-letter", "cease-ack-email"] } },
                { "id": "ru-230-fz", "options": { "stepsAllowedDuringBans": ["letter-to-the-manager"] } }
              ]
            """));

        Assert.Equal(
            [
                "line 4, packs[0].options.ceaseAcknowledgementSteps[1]: names step 'cease-ack-email', which the policy does not have",
                "line 5, packs[1].options.stepsAllowedDuringBans[0]: names step 'letter-to-the-manager', which the policy does not have",
            ],
            errors);
    }

    [Fact]
    public void Read_StepIdsInAPolicyWithoutSteps_AreLeftForTheCadenceItIsComposedWith()
    {
        var result = PolicyJson.Read("""{ "name": "overlay", "packs": [{ "id": "us-regulation-f", "options": { "ceaseAcknowledgementSteps": ["cease-ack-letter"] } }] }""");

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(
            CadencePolicy.Compose("overlay", CadencePolicy.CreateBuilder("overlay").Build(), JurisdictionPacks.UsRegulationF(new RegulationFOptions { CeaseAcknowledgementSteps = ["cease-ack-letter"] })),
            result.Policy);
    }

    [Fact]
    public void Read_RussiaWithOptionsButNoHolidays_SaysTheHolidaysAreMissingAtThePack()
    {
        var errors = Errors("""
            {
              "name": "p",
              "packs": [{ "id": "ru-230-fz", "options": { "countAllPlacedCalls": true } }]
            }
            """);

        Assert.Equal(
            ["line 3, packs[0]: the pack 'ru-230-fz' needs a holiday calendar: add one under 'holidays' or 'holidayFiles' (the policy needs the public holidays of RU (holidays have their own contact hours) but no holiday calendar was supplied)"],
            errors);
    }

    [Fact]
    public void Read_PackAndLenderProblems_AreAllReportedAtOnce()
    {
        var errors = Errors("""
            {
              "name": "p",
              "packs": [{ "id": "us-regulation-f", "options": { "textsPerDay": 0 } }],
              "caps": [{ "name": "c", "limit": 0, "period": "calendarDay", "counts": { "directions": "outbound" } }]
            }
            """);

        Assert.Equal(
            [
                "line 3, packs[0].options.textsPerDay: a cap of 0 would forbid every contact; remove the channel instead",
                "line 4, caps[0].limit: a cap of 0 would forbid every contact; remove the channel instead",
            ],
            errors);
    }

    [Fact]
    public void Read_ValidOptions_AreNotReportedBesideAnInvalidOne()
    {
        var errors = Errors(File("""[{ "id": "us-regulation-f", "options": { "textsPerDay": 0, "ceaseAcknowledgementSteps": ["cease-ack-letter"], "emailsPerDay": 5 } }]"""));

        Assert.Equal(["line 3, packs[0].options.textsPerDay: a cap of 0 would forbid every contact; remove the channel instead"], errors);
    }

    [Fact]
    public void Write_PolicyReadWithPackOptions_ReadsBackEqual()
    {
        var policy = PolicyJson.Parse(File("""
            [
                { "id": "us-regulation-f", "options": { "textsPerDay": 2, "minimumGapBetweenCalls": null, "ceaseAcknowledgementSteps": ["cease-ack-letter"] } },
                { "id": "uk-fca", "options": { "reasonableHours": { "from": "09:00", "to": "20:00" } } }
              ]
            """));

        var written = PolicyJson.Write(policy);

        Assert.Equal(policy, PolicyJson.Parse(written));
        Assert.DoesNotContain("\"packs\"", written, StringComparison.Ordinal);
        Assert.Contains("\"reg-f-texts-per-day\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PackWithRegions_LimitsEveryRuleOfThePackToThem()
    {
        var policy = PolicyJson.Parse(File("""[{ "id": "cn-collection", "regions": ["CN"] }]"""));

        Assert.Equal(Composed(JurisdictionPacks.China().LimitToRegions("CN")), policy);
        Assert.All(policy.Caps, c => Assert.Equal(["CN"], c.Source!.Regions));
    }

    [Theory]
    [InlineData("""[{ "id": "cn-collection", "regions": [] }]""", "packs[0].regions: name at least one region, or leave the property out")]
    [InlineData("""[{ "id": "cn-collection", "regions": [" "] }]""", "packs[0].regions[0]: ")]
    [InlineData("""[{ "id": "cn-collection", "regions": "CN" }]""", "packs[0].regions: ")]
    public void Read_PackWithBadRegions_SaysWhere(string packs, string expected)
    {
        var errors = Errors(File(packs));

        Assert.Single(errors);
        Assert.Contains(expected, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Read_RuleSources_ReadBackAsWritten()
    {
        var pack = JurisdictionPacks.UsMassachusetts();

        var read = PolicyJson.Parse(PolicyJson.Write(pack));

        Assert.Equal(pack.Caps.Select(c => c.Source), read.Caps.Select(c => c.Source));
        Assert.Equal(["US-MA"], read.Caps[0].Source!.Regions);
    }

    [Fact]
    public void Read_ASourceWithAnUnknownMark_SaysWhere()
    {
        var json = """
            { "name": "x", "caps": [ { "name": "c", "limit": 1, "period": "calendarDay", "counts": { "directions": "outbound" },
              "source": { "pack": "p", "citation": "s. 1", "mark": "[X]" } } ] }
            """;

        Assert.Contains(Errors(json), e => e.Contains("caps[0].source.mark", StringComparison.Ordinal) && e.Contains("[V]", StringComparison.Ordinal));
    }
}
