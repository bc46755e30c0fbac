using System.Text.Json;
using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    // Sunday 12 April 2026, 20:00 UTC: 15:00 in Chicago, 16:00 in New York, 10:00 in Honolulu.
    private const string Now = "2026-04-12T20:00:00Z";

    // Written for these tests, one situation per line; line 6 is blank.
    private const string Accounts = """
        {"accountId":"CAP-7","timeZones":["America/Chicago"],"dueDate":"2026-03-25","amountDue":{"amount":300,"currency":"USD"},"contactPoints":[{"channel":"call"}],"history":[{"at":"2026-04-06T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-07T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-08T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-09T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-10T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-11T17:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-04-12T17:00:00Z","channel":"call","outcome":"noAnswer"}]}
        {"accountId":"TWO-ZONES","timeZones":["America/Chicago","Pacific/Honolulu"],"dueDate":"2026-04-16","amountDue":{"amount":80,"currency":"USD"},"contactPoints":[{"channel":"email"}]}
        {"accountId":"COOLDOWN","timeZones":["America/New_York"],"dueDate":"2026-03-25","amountDue":{"amount":300,"currency":"USD"},"contactPoints":[{"channel":"call"}],"history":[{"at":"2026-04-09T15:00:00Z","channel":"call","direction":"inbound","outcome":"conversation"}]}
        {"accountId":"CEASE","timeZones":["America/New_York"],"dueDate":"2026-03-25","amountDue":{"amount":300,"currency":"USD"},"contactPoints":[{"channel":"call"}],"holds":[{"kind":"cease-communication","from":"2026-04-01T00:00:00Z"}]}
        {"accountId":"BROKEN","dueDate":"2026-03-25",

        {"accountId":"ESCALATE","timeZones":["America/New_York"],"dueDate":"2026-02-01","amountDue":{"amount":900,"currency":"USD"},"contactPoints":[{"channel":"letter"}]}
        {"accountId":"PAID","timeZones":["America/New_York"],"dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}
        {"accountId":"MARS","timeZones":["Mars/Olympus"],"dueDate":"2026-03-25","amountDue":{"amount":10,"currency":"USD"}}
        {"accountId":"COLOUR","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"colour":"red"}
        """;

    private readonly Tool tool = new();

    public void Dispose() => tool.Dispose();

    [Fact]
    public async Task Evaluate_AcmePolicy_WritesOneDecisionPerAccountLineInOrderAsTheLegalFiguresGive()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.Equal(
            [
                // 7 calls on the 7 local days 6–12 April (Regulation F's 7 in 7): the call waits for the 8th day, 08:00 in Chicago.
                """{"accountId":"CAP-7","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-04-13T13:00:00Z","limitedContentVoicemail":true}""",
                // D-4: the reminder e-mail, once it is 12:00 in Honolulu too (the lender's Sunday hours are 12:00–18:00): 17:00 in Chicago.
                """{"accountId":"TWO-ZONES","kind":"contact","step":"email-pre-due","channel":"email","template":"pre-due-reminder","notBefore":"2026-04-12T22:00:00Z"}""",
                // A conversation on Thursday 9 April closes calls for 7 days counting that day: Thursday 16 April, 08:00 in New York.
                """{"accountId":"COOLDOWN","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-04-16T12:00:00Z","limitedContentVoicemail":true}""",
                """{"accountId":"CEASE","kind":"suppressed","suppressedBy":"cease-communication"}""",
                """{"accountId":"line 5","kind":"error","error":{"code":"invalidAccount","message":"line 5, $: the text is not valid JSON at column 45: Expected start of a property name or value, but instead reached end of data."}}""",
                // D+70: the credit bureau notice (D+60..D+89), at once.
                """{"accountId":"ESCALATE","kind":"escalate","step":"bureau-notice","escalation":"credit-bureau-notice","notBefore":"2026-04-12T20:00:00Z"}""",
                """{"accountId":"PAID","kind":"none"}""",
                """{"accountId":"MARS","kind":"error","error":{"code":"invalidAccount","message":"account 'MARS': timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone"}}""",
                """{"accountId":"line 10","kind":"error","error":{"code":"invalidAccount","message":"line 10, colour: unknown property 'colour' (expected one of: accountId, timeZones, dueDate, amountDue, autopay, contactPoints, holds, tags, history)"}}""",
            ],
            result.OutputLines);
        Assert.Equal(9, Accounts.Split('\n').Count(line => line.Trim().Length > 0));
    }

    [Fact]
    public async Task Evaluate_LinesThatAreNotValidText_AreErrorRecordsInTheirPlace_AndTheRunGoesOn()
    {
        var path = tool.PathOf("bad-text.jsonl");
        const string ok = """{"accountId":"OK-1","timeZones":["America/New_York"],"dueDate":"2026-04-05","amountDue":{"amount":50,"currency":"USD"}}""";
        File.WriteAllBytes(path,
        [
            .. """{"accountId":"lone\ud800","dueDate":"2026-04-05","amountDue":{"amount":5,"currency":"USD"}}"""u8, (byte)'\n',
            .. "{\"accountId\":\"bad"u8, 0xFF, .. "\",\"dueDate\":\"2026-04-05\",\"amountDue\":{\"amount\":5,\"currency\":\"USD\"}}"u8, (byte)'\r', (byte)'\n',
            .. System.Text.Encoding.UTF8.GetBytes(ok.Replace(",\"dueDate\"", ",\r\"dueDate\"", StringComparison.Ordinal)), (byte)'\n',
        ]);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", path, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("""{"accountId":"line 1","kind":"error","error":{"code":"invalidAccount","message":"line 1, accountId: the string is not valid text""", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("""{"accountId":"line 2","kind":"error","error":{"code":"invalidAccount","message":"line 2, accountId: the string is not valid text""", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("""{"accountId":"OK-1",""", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("\uFFFD", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_RussianLenderSaturdayEvening_DefersTheTextToSundayNineInMoscow()
    {
        // 20:30 on Saturday 11 April in Moscow: 230-FZ allows weekend contact 09:00–20:00 only.
        var accounts = tool.File("ru.jsonl", """{"accountId":"RU-1","timeZones":["Europe/Moscow"],"dueDate":"2026-04-05","amountDue":{"amount":5000,"currency":"RUB"},"contactPoints":[{"channel":"sms"}]}""");

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("ru-lender.policy.json"), "--accounts", accounts, "--now", "2026-04-11T17:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            """{"accountId":"RU-1","kind":"contact","step":"sms-overdue","channel":"sms","template":"prosrochka-sms","notBefore":"2026-04-12T06:00:00Z"}""" + "\n",
            result.Output);
    }

    [Fact]
    public async Task Evaluate_Explain_AddsTheCandidatesAndTheRulesThatDecided()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now, "--explain");

        using var first = JsonDocument.Parse(result.OutputLines[0]);
        var candidate = first.RootElement.GetProperty("explanation").GetProperty("candidates").EnumerateArray()
            .Single(c => c.GetProperty("stepId").GetString() == "call-overdue");
        Assert.Equal("chosen", candidate.GetProperty("status").GetString());
        Assert.Contains(
            candidate.GetProperty("reasons").EnumerateArray(),
            r => r.GetProperty("rule").GetString() == "cap:reg-f-7-calls-in-7-days" && r.GetProperty("code").GetString() == "capReached");
        Assert.Equal(9, result.OutputLines.Length);
    }

    [Fact]
    public async Task Evaluate_NowWithAnOffset_IsTheSameInstant()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var utc = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now);
        var offset = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", "2026-04-12T15:00:00-05:00");

        Assert.Equal(utc.Output, offset.Output);
    }

    [Fact]
    public async Task Evaluate_NowNow_ReadsTheClockTheHostGave()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var fromClock = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", "now");
        var explicitly = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Tool.ClockNow.ToString());

        Assert.Equal(0, fromClock.ExitCode);
        Assert.Equal(explicitly.Output, fromClock.Output);
    }

    [Fact]
    public async Task Evaluate_Output_WritesTheDecisionsToTheFileOnly()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);
        var output = tool.PathOf("decisions.jsonl");

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now, "--output", output);

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Output);
        var lines = await File.ReadAllLinesAsync(output, TestContext.Current.CancellationToken);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("""{"accountId":"CAP-7",""", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_InvalidPolicy_PrintsItsProblemsAndExitsOneWithoutDecisions()
    {
        var policy = tool.File("bad.policy.json", """{ "name": "p", "horizon": "soon" }""");
        var accounts = tool.File("accounts.jsonl", Accounts);

        var result = await Tool.RunAsync("evaluate", "--policy", policy, "--accounts", accounts, "--now", Now);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal($"{policy}: line 1, horizon: 'soon' is not a duration written hours:minutes:seconds, such as 72:00:00 (3 days) or 0:05:00\n", result.Error);
    }

    [Fact]
    public async Task Evaluate_NowNotAnInstant_IsAUsageErrorExitingTwo()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", "tomorrow");

        Assert.Equal(2, result.ExitCode);
        Assert.Empty(result.Output);
        Assert.Equal("cadence: --now: 'tomorrow' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z, nor 'now'", result.ErrorLines[0]);
    }

    [Fact]
    public async Task Evaluate_NowLeftOut_IsAUsageErrorExitingTwo()
    {
        var accounts = tool.File("accounts.jsonl", Accounts);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--now", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_NowGivenAsNow_ReadsTheSystemClock()
    {
        var accounts = tool.File("paid.jsonl", """{"accountId":"PAID","dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}""");

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", "now");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""{"accountId":"PAID","kind":"none"}""" + "\n", result.Output);
    }

    [Fact]
    public async Task Evaluate_PersonsAndAccountsMixed_WritesOneDecisionPerLineInOrderWithPersonFieldsOnlyForPersons()
    {
        var lines = """
            {"accountId":"PAID","timeZones":["America/New_York"],"dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}
            {"personId":"P-1","timeZones":["America/New_York"],"contactPoints":[{"id":"post","channel":"letter","kind":"postal"}],"accounts":[{"accountId":"L-1","dueDate":"2026-02-01","amountDue":{"amount":900,"currency":"USD"}},{"accountId":"L-2","dueDate":null,"amountDue":null}]}
            {"personId":"P-2","accounts":[{"accountId":"L-9","dueDate":"soon","amountDue":null}]}
            {"personId":"P-3","timeZones":["America/New_York"],"accounts":[]}
            {"accountId":"ESCALATE","timeZones":["America/New_York"],"dueDate":"2026-02-01","amountDue":{"amount":900,"currency":"USD"},"contactPoints":[{"channel":"letter"}]}
            """;
        var accounts = tool.File("mixed.jsonl", lines);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        var decisions = result.OutputLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["PAID", "P-1", "line 3", "P-3", "ESCALATE"], decisions.Select(d => d.GetProperty("accountId").GetString()));
        Assert.Equal([false, true, false, true, false], decisions.Select(d => d.TryGetProperty("personId", out _)));
        Assert.Equal("escalate", decisions[1].GetProperty("kind").GetString());
        Assert.Equal("L-1", decisions[1].GetProperty("accountIds")[0].GetString());
        Assert.Equal("line 3, accounts[0].dueDate: 'soon' is not an ISO 8601 date such as 2026-03-14", decisions[2].GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("error", decisions[3].GetProperty("kind").GetString());
        Assert.StartsWith("person 'P-3': ", decisions[3].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var alone = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", tool.File("accounts.jsonl", string.Join("\n", lines.Split('\n').Where(l => l.Contains("\"accountId\":\"PAID\"", StringComparison.Ordinal) || l.Contains("\"accountId\":\"ESCALATE\"", StringComparison.Ordinal)))), "--now", Now);
        Assert.Equal([alone.OutputLines[0], alone.OutputLines[1]], [result.OutputLines[0], result.OutputLines[4]]);
    }

    [Fact]
    public async Task Evaluate_TheTwoLoansExampleOfTheDocs_GivesTheDocumentedDecisions()
    {
        var root = CheckCommandTests.Root();
        var docs = File.ReadAllText(Path.Combine(root, "docs", "cli.md")).ReplaceLineEndings("\n");
        const string command = "$ cadence evaluate --policy examples/policies/acme-us.policy.json --accounts examples/persons/two-loans.jsonl --now 2026-03-09T14:30:00Z\n";
        var start = docs.IndexOf(command, StringComparison.Ordinal) + command.Length;
        var documented = docs[start..docs.IndexOf("```", start, StringComparison.Ordinal)].TrimEnd('\n').Split('\n');

        var result = await Tool.RunAsync("evaluate", "--policy", Path.Combine(root, "examples", "policies", "acme-us.policy.json"), "--accounts", Path.Combine(root, "examples", "persons", "two-loans.jsonl"), "--now", "2026-03-09T14:30:00Z");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(documented, result.OutputLines);
        Assert.Contains(File.ReadLines(Path.Combine(root, "examples", "persons", "two-loans.jsonl")).First(), docs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_AFileOfManyChunks_WritesEveryDecisionInInputOrder()
    {
        // More records than a chunk holds, with an unreadable line in each chunk, accounts and persons mixed.
        var count = (EvaluateCommand.ChunkRecords * 2) + 123;
        var lines = Enumerable.Range(0, count).Select(i => i % 5000 == 17
            ? "{\"accountId\":"
            : i % 3 == 0
                ? $$$"""{"personId":"P-{{{i}}}","timeZones":["America/Chicago"],"contactPoints":[{"id":"e","channel":"email"}],"accounts":[{"accountId":"L-{{{i}}}","dueDate":"2026-04-16","amountDue":{"amount":80,"currency":"USD"}}]}"""
                : $$$"""{"accountId":"A-{{{i}}}","timeZones":["America/Chicago"],"dueDate":"2026-04-16","amountDue":{"amount":80,"currency":"USD"},"contactPoints":[{"channel":"email"}]}""");
        var accounts = tool.File("many.jsonl", string.Join('\n', lines));
        var output = tool.PathOf("many-decisions.jsonl");

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now, "--output", output);

        Assert.Equal(0, result.ExitCode);
        var ids = File.ReadLines(output).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("accountId").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, count).Select(i => i % 5000 == 17 ? $"line {i + 1}" : i % 3 == 0 ? $"P-{i}" : $"A-{i}"), ids);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16 (little-endian)")]
    [InlineData("utf-16BE", "UTF-16 (big-endian)")]
    [InlineData("utf-32", "UTF-32 (little-endian)")]
    public async Task Evaluate_AFileInUtf16OrUtf32_IsRefusedNamingItsEncoding_AndLeavesNoOutput(string encoding, string named)
    {
        var path = tool.PathOf("wide.jsonl");
        await File.WriteAllTextAsync(path, Accounts, System.Text.Encoding.GetEncoding(encoding), TestContext.Current.CancellationToken);
        var output = tool.PathOf("wide-decisions.jsonl");

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", path, "--now", Now, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"cadence: cannot read {path}: the input is {named}, not UTF-8: write JSON Lines in UTF-8"], result.ErrorLines);
        Assert.False(File.Exists(output));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(output)!, "*.partial"));
    }

    [Fact]
    public async Task Evaluate_AFailedRun_LeavesAnEarlierOutputFileAsItWas()
    {
        var output = tool.File("decisions.jsonl", "earlier decisions\n");
        var path = tool.PathOf("wide.jsonl");
        await File.WriteAllTextAsync(path, Accounts, System.Text.Encoding.Unicode, TestContext.Current.CancellationToken);

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", path, "--now", Now, "--output", output);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("earlier decisions\n", await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Evaluate_ALineOverTheLimit_IsAnErrorRecordInItsPlace_AndTheRunGoesOn()
    {
        var huge = $$"""{"accountId":"HUGE","timeZones":["America/Chicago"],"dueDate":"2026-04-16","amountDue":{"amount":80,"currency":"USD"},"tags":["{{new string('x', 4 * 1024 * 1024)}}"]}""";
        var accounts = tool.File("huge.jsonl", string.Join('\n', [Accounts.Split('\n')[1], huge, Accounts.Split('\n')[1]]));

        var result = await Tool.RunAsync("evaluate", "--policy", Tool.Policy("acme-us.policy.json"), "--accounts", accounts, "--now", Now);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, result.OutputLines.Length);
        Assert.Equal($$$"""{"accountId":"line 2","kind":"error","error":{"code":"invalidAccount","message":"line 2, $: the line is {{{huge.Length}}} bytes long, over the limit of 4194304 bytes: it was not read"}}""", result.OutputLines[1]);
        Assert.StartsWith("""{"accountId":"TWO-ZONES","kind":"contact""", result.OutputLines[2], StringComparison.Ordinal);
    }
}
