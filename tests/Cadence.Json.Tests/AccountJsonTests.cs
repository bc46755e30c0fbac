using System.Text;
using Cadence.Explanations;
using NodaTime;

namespace Cadence.Json.Tests;

public sealed class AccountJsonTests
{
    private const string Minimal = """{"accountId":"A-1","dueDate":"2026-03-01","amountDue":{"amount":250.00,"currency":"USD"}}""";

    private static string Errors(AccountReadResult result) => string.Join(Environment.NewLine, result.Errors);

    [Fact]
    public void Read_EveryPropertyWritten_ReadsTheWholeState()
    {
        const string json = """
            {"accountId":"A-1","timeZones":["America/New_York","America/Los_Angeles"],"dueDate":"2026-03-01",
             "amountDue":{"amount":250.50,"currency":"USD"},"autopay":true,
             "contactPoints":[{"channel":"sms","optedOut":false,"consentGiven":true,"isWorkplace":true,"updatedAt":"2026-02-01T10:00:00Z"}],
             "holds":[{"kind":"promise-to-pay","from":"2026-03-02T00:00:00Z","until":"2026-03-20T00:00:00Z","promisedDate":"2026-03-12"}],
             "tags":["card"],
             "history":[{"at":"2026-03-03T14:00:00Z","channel":"call","direction":"inbound","outcome":"noAnswer","stepId":"call-overdue"}]}
            """;

        var result = AccountJson.Read(json);

        Assert.True(result.Success, Errors(result));
        var expected = new BorrowerState("A-1")
        {
            TimeZoneIds = ["America/New_York", "America/Los_Angeles"],
            DueDate = new LocalDate(2026, 3, 1),
            AmountDue = new Money(250.50m, "USD"),
            Autopay = true,
            ContactPoints = [new ContactPoint(Channel.Sms) { ConsentGiven = true, IsWorkplace = true, UpdatedAt = Instant.FromUtc(2026, 2, 1, 10, 0) }],
            Holds = [new Hold(HoldKind.PromiseToPay, Instant.FromUtc(2026, 3, 2, 0, 0), Instant.FromUtc(2026, 3, 20, 0, 0)) { PromisedDate = new LocalDate(2026, 3, 12) }],
            Tags = ["card"],
            History = [new ContactAttempt(Instant.FromUtc(2026, 3, 3, 14, 0), Channel.Call, ContactDirection.Inbound, ContactOutcome.NoAnswer, "call-overdue")],
        };
        Assert.Equal(expected, result.Account);
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Read_OptionalPropertiesLeftOutOrNull_TakesTheirDefaults()
    {
        var result = AccountJson.Read("""{"accountId":"A-1","timeZones":null,"dueDate":null,"amountDue":{"amount":0,"currency":"EUR"},"autopay":null,"history":null}""");

        Assert.Equal(new BorrowerState("A-1") { AmountDue = new Money(0m, "EUR") }, result.Account);
    }

    [Fact]
    public void Read_HistoryDirectionLeftOut_IsOutboundAndChannelNoneIsAllowedThere()
    {
        var result = AccountJson.Read("""{"accountId":"A-1","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"history":[{"at":"2026-03-03T14:00:00Z","channel":"none","outcome":"sent","stepId":"bureau-notice"}]}""");

        var attempt = Assert.Single(result.Account!.History);
        Assert.Equal(new ContactAttempt(Instant.FromUtc(2026, 3, 3, 14, 0), Channel.None, ContactDirection.Outbound, ContactOutcome.Sent, "bureau-notice"), attempt);
    }

    [Fact]
    public void Read_DueDateLeftOut_SaysToWriteNull()
    {
        var result = AccountJson.Read("""{"accountId":"A-1","amountDue":{"amount":1,"currency":"USD"}}""");

        Assert.Null(result.Account);
        Assert.Equal("line 1, $: required property 'dueDate' is missing (write null when it has no value)", Errors(result));
    }

    [Fact]
    public void Read_UnknownAndRepeatedProperties_AreRejected()
    {
        var result = AccountJson.Read("""{"accountId":"A-1","dueDate":null,"amountDue":{"amount":1,"currency":"USD"},"colour":"blue","tags":["a"],"tags":["b"]}""");

        Assert.False(result.Success);
        Assert.Equal(
            [
                "line 1, colour: unknown property 'colour' (expected one of: accountId, timeZones, dueDate, amountDue, autopay, contactPoints, holds, tags, history)",
                "line 1, tags: property 'tags' is given twice",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_ManyProblems_ReportsEveryOneWithItsPathAndTheRecordsLine()
    {
        const string json = """{"accountId":"","dueDate":"2026-02-30","amountDue":{"amount":-5,"currency":"usd"},"contactPoints":[{"channel":"fax"},null],"history":[{"at":"yesterday","channel":"call","outcome":"maybe"}]}""";

        var result = AccountJson.Read(json, line: 17);

        Assert.Null(result.Account);
        Assert.Equal(17, result.Line);
        Assert.Equal(
            [
                "line 17, accountId: expected a non-empty string",
                "line 17, dueDate: '2026-02-30' is not an ISO 8601 date such as 2026-03-14",
                "line 17, amountDue.amount: the amount (-5) cannot be negative",
                "line 17, amountDue.currency: 'usd' is not an ISO 4217 currency code such as USD",
                "line 17, contactPoints[0].channel: 'fax' is not one of email, sms, call, letter, visit, push",
                "line 17, contactPoints[1]: expected an object, found null",
                "line 17, history[0].at: 'yesterday' is not an ISO 8601 UTC instant such as 2026-03-09T14:30:00Z",
                "line 17, history[0].outcome: 'maybe' is not one of sent, delivered, failed, bounced, noAnswer, busy, voicemail, conversation, wrongParty, unknown",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_AccountOverSeveralLines_GivesEachProblemItsOwnLine()
    {
        const string json = """
            {
              "accountId": "A-1",
              "dueDate": null,
              "amountDue": { "amount": 1, "currency": "USD" },
              "autopay": "yes",
              "tags": [1]
            }
            """;

        var result = AccountJson.Read(json, line: 10);

        Assert.Equal(["line 14, autopay: expected true or false, found the string 'yes'", "line 15, tags[0]: expected a string, found the number 1"], result.Errors.Select(e => e.ToString()));
        Assert.Equal([14, 15], result.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Read_MalformedJson_SaysWhereItStopped()
    {
        var result = AccountJson.Read("""{"accountId":"A-1" "dueDate":null}""", line: 27);

        var error = Assert.Single(result.Errors);
        Assert.Equal(20, error.Column);
        Assert.Equal("line 27, $: the text is not valid JSON at column 20: '\"' is invalid after a value. Expected either ',', '}', or ']'.", error.ToString());
    }

    [Fact]
    public void Read_Comment_IsNotJson()
    {
        var result = AccountJson.Read(Minimal + " // note");

        Assert.Equal("line 1, $: the text is not valid JSON at column 91: '/' is invalid after a single JSON value. Expected end of data.", Errors(result));
    }

    [Fact]
    public void Read_NotAnObject_SaysWhatItFound()
    {
        var result = AccountJson.Read("[]");

        Assert.Equal("line 1, $: expected an object, found an array", Errors(result));
    }

    [Fact]
    public void ReadLines_BlankLines_AreSkippedAndLinesKeepTheirNumbers()
    {
        using var reader = new StringReader(Minimal + "\n\n   \n" + "{}" + "\n" + Minimal.Replace("A-1", "A-2", StringComparison.Ordinal) + "\n");

        var results = AccountJson.ReadLines(reader).ToList();

        Assert.Equal([1, 4, 5], results.Select(r => r.Line));
        Assert.Equal(["A-1", null, "A-2"], results.Select(r => r.Account?.AccountId));
        Assert.Equal(["line 4, $: required property 'accountId' is missing", "line 4, $: required property 'dueDate' is missing (write null when it has no value)", "line 4, $: required property 'amountDue' is missing"], results[1].Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void ReadLines_SamplePortfolio_ReadsAllButTheThreeBrokenLinesAndThePersons()
    {
        using var reader = File.OpenText(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl"));

        var results = AccountJson.ReadLines(reader).ToList();

        Assert.Equal(37, results.Count);
        Assert.Equal([27, 28, 33, 34, 35, 36, 37], results.Where(r => !r.Success).Select(r => r.Line));
        Assert.Contains("required property 'accountId' is missing", results[^1].Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ToErrorDecision_UnreadableLine_IsAnErrorNamedAfterTheLineWithEveryProblem()
    {
        var result = AccountJson.Read("""{"accountId":"A-1","dueDate":null,"amountDue":{"amount":1,"currency":"US"},"autopay":1}""", line: 3);

        var decision = result.ToErrorDecision();

        Assert.Equal(DecisionKind.Error, decision.Kind);
        Assert.Equal("line 3", decision.AccountId);
        Assert.Equal(ReasonCode.InvalidAccount, decision.Error!.Code);
        Assert.Equal("line 3, amountDue.currency: 'US' is not an ISO 4217 currency code such as USD; line 3, autopay: expected true or false, found the number 1", decision.Error.Message);
    }

    [Fact]
    public void ToErrorDecision_ReadableAccount_Throws()
    {
        var result = AccountJson.Read(Minimal);

        Assert.Throws<InvalidOperationException>(() => result.ToErrorDecision());
    }

    [Fact]
    public void Read_AnUnknownOutcome_IsContactOutcomeUnknown_OnTheFastAndTheFullReader()
    {
        var utf8 = Encoding.UTF8.GetBytes("""{"accountId":"A-1","dueDate":"2026-03-01","amountDue":{"amount":10,"currency":"USD"},"history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"unknown","stepId":"call-overdue"}]}""");

        var read = AccountJson.Read(utf8);
        var full = AccountJson.ReadFully(utf8, 1);

        Assert.True(read.Success, string.Join("; ", read.Errors));
        Assert.Equal(ContactOutcome.Unknown, Assert.Single(read.Account!.History).Outcome);
        Assert.Equal(full.Account, read.Account);
    }
}
