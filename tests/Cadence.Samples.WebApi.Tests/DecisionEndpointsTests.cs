using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Cadence.Json;
using Cadence.Samples.WebApi.Tests.Support;

namespace Cadence.Samples.WebApi.Tests;

public sealed class DecisionEndpointsTests(DecisionApiHost host)
{
    private const string ProblemJson = "application/problem+json";

    // Line 6 of the sample portfolio: D+4 in Chicago, calls opted out, the last overdue text three days ago at 15:00Z.
    private static readonly string Pf006 = SamplePortfolio()[5];

    // P-100 of two-loans.jsonl: a card 10 days overdue and a loan 63 days overdue in New York, two call points (cell,
    // home), a text point and a postal address; the card was called on the cell three days ago.
    private static readonly string P100 = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"))[0];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Decide_OneAccount_Answers200WithTheDecisionAndItsExplanationAtTheClocksInstant()
    {
        using var response = await host.Http1.PostAsync("/decisions", Json(Pf006), Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(DecisionJson.Write(host.Engine.Evaluate(AccountJson.Read(Pf006).Account!, DecisionApiHost.Now)), body);
        Assert.StartsWith("""{"accountId":"PF-006","kind":"contact","step":"sms-overdue","channel":"sms","template":"overdue-sms","notBefore":"2026-03-09T15:00:00Z","explanation":{""", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_PersonOfTwoAccounts_AnswersACallOnTheCellAboutTheCardAndTheEscalationDueOnTheLoan()
    {
        using var response = await host.Http1.PostAsync("/decisions", Json(P100), Cancellation);

        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DecisionJson.Write(host.Engine.Evaluate(PersonJson.Read(P100).Person!, DecisionApiHost.Now)), body);
        Assert.StartsWith(
            """{"accountId":"P-100","personId":"P-100","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","accountIds":["CARD-1"],"contactPointId":"cell","notBefore":"2026-03-09T14:30:00Z",""",
            body,
            StringComparison.Ordinal);
        using var decision = JsonDocument.Parse(body);
        var escalation = Assert.Single(decision.RootElement.GetProperty("escalations").EnumerateArray().ToList());
        Assert.Equal("""{"step":"bureau-notice","escalation":"credit-bureau-notice","accountIds":["LOAN-2"],"notBefore":"2026-03-09T14:30:00Z"}""", escalation.GetRawText());
    }

    [Fact]
    public async Task Decide_InvalidPerson_Answers400NamingTheProblemByItsPathInsideTheAccounts()
    {
        const string person = """{"personId":"P-1","accounts":[{"accountId":"A-1","dueDate":"soon","amountDue":null}]}""";

        using var response = await host.Http1.PostAsync("/decisions", Json(person), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The person or account could not be read.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal("line 1: 'soon' is not an ISO 8601 date such as 2026-03-14", problem.RootElement.GetProperty("errors").GetProperty("accounts[0].dueDate")[0].GetString());
    }

    [Fact]
    public async Task Check_CallOnTheCellAboutTheCardNow_IsAllowedAtTheClocksInstant()
    {
        using var response = await host.Http1.PostAsync("/check?channel=call&point=cell&account=CARD-1", Json(P100), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"allowed":true,"earliestAt":"2026-03-09T14:30:00Z","reasons":[]}""", await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Check_CallAtNightInNewYork_IsNotAllowedAndSaysWhenAndWhich()
    {
        using var response = await host.Http1.PostAsync("/check?channel=call&point=cell&account=CARD-1&now=2026-03-10T02:00:00Z", Json(P100), Cancellation);

        using var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(check.RootElement.GetProperty("allowed").GetBoolean());
        Assert.Equal("2026-03-10T12:00:00Z", check.RootElement.GetProperty("earliestAt").GetString());
        var reason = Assert.Single(check.RootElement.GetProperty("reasons").EnumerateArray().ToList());
        Assert.Equal("window:lender-hours+reg-f-convenient-hours (America/New_York)", reason.GetProperty("rule").GetString());
        Assert.Equal("outsideContactWindow", reason.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Check_CallWithoutAPointWhenThePersonHasTwo_IsRefusedWithAnError()
    {
        using var response = await host.Http1.PostAsync("/check?channel=call", Json(P100), Cancellation);

        using var check = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(check.RootElement.GetProperty("allowed").GetBoolean());
        Assert.False(check.RootElement.TryGetProperty("earliestAt", out _));
        Assert.Equal("invalidAccount", check.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/check", "the channel of the proposed contact is required")]
    [InlineData("/check?channel=fax", "'fax' is not one of email, sms, call, letter, visit, push")]
    public async Task Check_ChannelMissingOrUnknown_Answers400NamingTheParameter(string path, string message)
    {
        using var response = await host.Http1.PostAsync(path, Json(P100), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, problem.RootElement.GetProperty("errors").GetProperty("channel")[0].GetString());
    }

    [Fact]
    public async Task Check_UnreadablePerson_Answers400WithTheProblems()
    {
        using var response = await host.Http1.PostAsync("/check?channel=call", Json("""{"personId":"P-1"}"""), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("line 1: required property 'accounts' is missing", problem.RootElement.GetProperty("errors").GetProperty("$")[0].GetString());
    }

    [Fact]
    public async Task DecideBatch_PersonsAndAccountsMixed_AnswersAPersonDecisionForAPersonAndAnAccountDecisionForAnAccount()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "persons", "two-loans.jsonl"), Cancellation);

        using var response = await host.Http1.PostAsync("/decisions/batch", JsonLines(text), Cancellation);

        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                """{"accountId":"P-100","personId":"P-100","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","accountIds":["CARD-1"],"contactPointId":"cell","notBefore":"2026-03-09T14:30:00Z","limitedContentVoicemail":true,"escalations":[{"step":"bureau-notice","escalation":"credit-bureau-notice","accountIds":["LOAN-2"],"notBefore":"2026-03-09T14:30:00Z"}]}""",
                """{"accountId":"PF-007","kind":"contact","step":"call-overdue","channel":"call","template":"overdue-call","notBefore":"2026-03-09T14:30:00Z","limitedContentVoicemail":true}""",
            ],
            lines);
    }

    [Fact]
    public async Task DecideBatch_ChunkOfPersonsAndAccounts_KeepsEveryLineInItsPlace()
    {
        var person = P100;
        var account = SamplePortfolio()[0];
        var text = string.Join("\n", person, account, "{", account, person);

        using var response = await host.Http1.PostAsync("/decisions/batch", JsonLines(text), Cancellation);

        var ids = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l =>
            {
                using var decision = JsonDocument.Parse(l);
                return decision.RootElement.GetProperty("accountId").GetString();
            });
        Assert.Equal(["P-100", "PF-001", "line 3", "PF-001", "P-100"], ids);
    }

    [Fact]
    public async Task Decide_NowInTheQueryWithAnOffset_EvaluatesAtThatInstant()
    {
        // 15:00 in Chicago is 20:00Z, after the text's repeat interval: the text is due at once.
        using var response = await host.Http1.PostAsync("/decisions?now=2026-03-09T15:00:00-05:00", Json(Pf006), Cancellation);

        using var decision = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-03-09T20:00:00Z", decision.RootElement.GetProperty("notBefore").GetString());
    }

    [Fact]
    public async Task Decide_MalformedJson_Answers400ProblemDetailsWithTheLineAndColumn()
    {
        using var response = await host.Http1.PostAsync("/decisions", Json("""{"accountId":"A-1","dueDate":"""), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.5.1", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal("The person or account could not be read.", problem.RootElement.GetProperty("title").GetString());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.StartsWith("line 1, $: the text is not valid JSON at column 30: ", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("line 1: the text is not valid JSON at column 30: ", problem.RootElement.GetProperty("errors").GetProperty("$")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decide_InvalidAccountOverSeveralLines_Answers400NamingEveryProblemByPathAndLine()
    {
        const string account = """
            {
              "accountId": "A-1",
              "dueDate": "2026-13-01",
              "amountDue": { "amount": 250, "currency": "usd" },
              "history": [{ "at": "2026-03-01T10:00:00Z", "channel": "call", "outcome": "maybe" }]
            }
            """;

        using var response = await host.Http1.PostAsync("/decisions", Json(account), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = problem.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString());
        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["dueDate"] = "line 3: '2026-13-01' is not an ISO 8601 date such as 2026-03-14",
                ["amountDue.currency"] = "line 4: 'usd' is not an ISO 4217 currency code such as USD",
                ["history[0].outcome"] = "line 5: 'maybe' is not one of sent, delivered, failed, bounced, noAnswer, busy, voicemail, conversation, wrongParty, unknown",
            },
            errors);
        Assert.Equal(
            "line 3, dueDate: '2026-13-01' is not an ISO 8601 date such as 2026-03-14; line 4, amountDue.currency: 'usd' is not an ISO 4217 currency code such as USD; line 5, history[0].outcome: 'maybe' is not one of sent, delivered, failed, bounced, noAnswer, busy, voicemail, conversation, wrongParty, unknown",
            problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Decide_AccountTheEngineRejects_Answers200WithAnErrorDecision()
    {
        const string account = """{"accountId":"MARS","timeZones":["Mars/Olympus"],"dueDate":"2026-03-01","amountDue":{"amount":10,"currency":"USD"}}""";

        using var response = await host.Http1.PostAsync("/decisions", Json(account), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"accountId":"MARS","kind":"error","error":{"code":"invalidAccount","message":"account 'MARS': timeZoneIds[0] 'Mars/Olympus' is not a known IANA time zone"}}""",
            await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task Decide_NowNotAnInstant_Answers400NamingTheParameter()
    {
        using var response = await host.Http1.PostAsync("/decisions?now=yesterday", Json(Pf006), Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "'yesterday' is not an ISO 8601 instant such as 2026-03-09T14:30:00Z or 2026-03-09T10:30:00-04:00 (in a query string, write '+' as %2B)",
            problem.RootElement.GetProperty("errors").GetProperty("now")[0].GetString());
    }

    [Fact]
    public async Task DecideBatch_SamplePortfolio_AnswersOneLinePerAccountInOrderAsTheLibraryDecides()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"), Cancellation);

        using var response = await host.Http1.PostAsync("/decisions/batch?now=2026-03-09T14:30:00Z", JsonLines(text), Cancellation);

        var lines = (await response.Content.ReadAsStringAsync(Cancellation)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StringReader(text);
        var expected = PersonJson.ReadLines(reader)
            .Select(r => DecisionJson.Write(
                r.Account is { } account ? host.Engine.EvaluateBatch([account], DecisionApiHost.Now, Cancellation)[0]
                : r.Person is { } person ? host.Engine.EvaluateBatch([person], DecisionApiHost.Now, Cancellation)[0]
                : r.ToErrorDecision()))
            .ToList();
        Assert.Equal(37, lines.Length);
        Assert.Equal(expected, lines);
        Assert.Equal("""{"accountId":"line 27","kind":"error","error":{"code":"invalidAccount","message":"line 27, $: the text is not valid JSON at column 125: '\"' is invalid after a value. Expected either ',', '}', or ']'."}}""", lines[26]);
    }

    [Fact]
    public async Task DecideBatch_EmptyBody_Answers200WithNoLine()
    {
        using var response = await host.Http1.PostAsync("/decisions/batch", JsonLines("\n\n"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task DecideBatch_FormEncodedBody_Answers415ProblemDetails()
    {
        using var form = new StringContent(Pf006, Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await host.Http1.PostAsync("/decisions/batch", form, Cancellation);

        using var problem = await ProblemAsync(response);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("The persons and accounts must be sent as JSON Lines.", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact(Timeout = 120_000)]
    public async Task DecideBatch_HundredThousandAccountsStreamed_AnswersOneLinePerAccountInOrderWhileSending()
    {
        const int count = 100_000;
        var accounts = new GeneratedAccounts(count, DecisionApiHost.Now);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/decisions/batch?now=2026-03-09T14:30:00Z")
        {
            Content = accounts,
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");

        // Over HTTP/2, HttpClient reads the decisions while it is still sending the accounts.
        using var response = await host.Http2.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var index = 0;
        var kinds = new Dictionary<string, int>();
        var sentBeforeTheFirstDecision = true;
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (index == 0)
            {
                sentBeforeTheFirstDecision = accounts.Sent;
            }

            using var decision = JsonDocument.Parse(line);
            var accountId = decision.RootElement.GetProperty("accountId").GetString();
            var kind = decision.RootElement.GetProperty("kind").GetString()!;
            if (GeneratedAccounts.IsBroken(index))
            {
                Assert.Equal($"line {index + 1}", accountId);
                Assert.Equal("error", kind);
            }
            else
            {
                Assert.Equal(GeneratedAccounts.AccountId(index), accountId);
                Assert.NotEqual("error", kind);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            }

            index++;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(count, index);
        Assert.False(sentBeforeTheFirstDecision, "The first decision came only after the last account was sent.");
        Assert.True(kinds.Count >= 4, string.Join(", ", kinds));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent JsonLines(string text) => new(text, Encoding.UTF8, "application/x-ndjson");

    private static async Task<JsonDocument> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
    }

    private static string[] SamplePortfolio() => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"));
}
