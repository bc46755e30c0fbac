using System.Text;
using System.Text.Json.Nodes;
using Cadence.Explanations;
using Cadence.Json.Tests.Support;
using Json.Schema;
using NodaTime;

namespace Cadence.Json.Tests;

public sealed class PersonJsonTests
{
    private const string Minimal = """{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":"2026-03-01","amountDue":{"amount":250.00,"currency":"USD"}}]}""";

    private const string Full = """
        {"personId":"P-1","timeZones":["America/New_York"],"regions":["US-MA"],
         "holds":[{"kind":"attorney-represented","from":"2026-01-01T00:00:00Z","until":"2026-02-01T00:00:00Z"}],
         "tags":["prime"],
         "contactPoints":[
           {"id":"cell","channel":"call","kind":"mobile","consentGiven":true},
           {"id":"office","channel":"call","kind":"work","isWorkplace":true,"updatedAt":"2026-02-01T10:00:00Z"},
           {"id":"home-mail","channel":"email","kind":"personalEmail","optedOut":true}],
         "history":[
           {"at":"2026-03-03T14:00:00Z","channel":"call","direction":"inbound","outcome":"conversation","stepId":"call-overdue","contactPointId":"cell","accountIds":["L-1","L-2"]},
           {"at":"2026-03-04T14:00:00Z","channel":"email","outcome":"delivered"}],
         "accounts":[
           {"accountId":"L-1","dueDate":"2026-03-01","amountDue":{"amount":250.50,"currency":"USD"},"autopay":true,
            "holds":[{"kind":"dispute","from":"2026-03-02T00:00:00Z"}],"tags":["card"]},
           {"accountId":"L-2","dueDate":null,"amountDue":null}]}
        """;

    private static Person FullPerson => new("P-1")
    {
        TimeZoneIds = ["America/New_York"],
        Regions = ["US-MA"],
        Holds = [new Hold(new HoldKind("attorney-represented"), Instant.FromUtc(2026, 1, 1, 0, 0), Instant.FromUtc(2026, 2, 1, 0, 0))],
        Tags = ["prime"],
        ContactPoints =
        [
            new ContactPoint(Channel.Call) { Id = "cell", Kind = ContactPointKind.Mobile, ConsentGiven = true },
            new ContactPoint(Channel.Call) { Id = "office", Kind = ContactPointKind.Work, IsWorkplace = true, UpdatedAt = Instant.FromUtc(2026, 2, 1, 10, 0) },
            new ContactPoint(Channel.Email) { Id = "home-mail", Kind = ContactPointKind.PersonalEmail, OptedOut = true },
        ],
        History =
        [
            new ContactAttempt(Instant.FromUtc(2026, 3, 3, 14, 0), Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation, "call-overdue") { ContactPointId = "cell", AccountIds = ["L-1", "L-2"] },
            new ContactAttempt(Instant.FromUtc(2026, 3, 4, 14, 0), Channel.Email, ContactDirection.Outbound, ContactOutcome.Delivered),
        ],
        Accounts =
        [
            new Account("L-1")
            {
                DueDate = new LocalDate(2026, 3, 1),
                AmountDue = new Money(250.50m, "USD"),
                Autopay = true,
                Holds = [new Hold(HoldKind.Dispute, Instant.FromUtc(2026, 3, 2, 0, 0))],
                Tags = ["card"],
            },
            new Account("L-2"),
        ],
    };

    private static string Errors(PersonReadResult result) => string.Join(Environment.NewLine, result.Errors);

    [Fact]
    public void Read_APersonLine_GivesThePersonWithItsAccountsAndPoints()
    {
        var result = PersonJson.Read(Full);

        Assert.True(result.Success, Errors(result));
        Assert.Equal(FullPerson, result.Person);
        Assert.Null(result.Account);
        Assert.Equal("P-1", result.Id);
        Assert.Same(result.Person, result.ToPerson());
    }

    [Fact]
    public void Read_OptionalPropertiesLeftOutOrNull_TakeTheirDefaults()
    {
        var result = PersonJson.Read("""
            {"personId":"P-1","timeZones":null,"regions":null,"holds":null,"tags":null,"history":null,
             "contactPoints":[{"channel":"sms","kind":null,"id":null}],
             "accounts":[{"accountId":"L-1","dueDate":null,"amountDue":{"amount":0,"currency":"EUR"},"autopay":null,"holds":null,"tags":null}]}
            """);

        var person = result.Person!;
        Assert.Equal(new Person("P-1") { ContactPoints = [new ContactPoint(Channel.Sms)], Accounts = [new Account("L-1") { AmountDue = new Money(0m, "EUR") }] }, person);
        var point = Assert.Single(person.ContactPoints);
        Assert.Equal("sms", point.Id);
        Assert.Equal(ContactPointKind.Unspecified, point.Kind);
    }

    [Fact]
    public void Read_AnAttemptWithoutPointOrAccounts_NamesNeither()
    {
        var result = PersonJson.Read("""{"personId":"P-1","history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"noAnswer"}],"accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null}]}""");

        var attempt = Assert.Single(result.Person!.History);
        Assert.Null(attempt.ContactPointId);
        Assert.Empty(attempt.AccountIds);
        Assert.Equal(ContactDirection.Outbound, attempt.Direction);
        Assert.True(attempt.Concerns("L-1"));
    }

    [Fact]
    public void Read_AnAmountDueOfNull_LeavesTheAmountUnstated()
    {
        var result = PersonJson.Read("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":"2026-03-01","amountDue":null}]}""");

        Assert.Equal(default, Assert.Single(result.Person!.Accounts).AmountDue);
    }

    [Fact]
    public void Read_AnAccountLine_ReadsItExactlyAsTheAccountReaderDoes()
    {
        const string json = """{"accountId":"A-1","timeZones":["America/Chicago"],"dueDate":"2026-03-05","amountDue":{"amount":140.00,"currency":"USD"},"contactPoints":[{"channel":"sms","consentGiven":true}]}""";

        var result = PersonJson.Read(json, line: 4);
        var account = AccountJson.Read(json, line: 4);

        Assert.True(result.Success, Errors(result));
        Assert.Null(result.Person);
        Assert.Equal(account.Account, result.Account);
        Assert.Equal("A-1", result.Id);
        Assert.Equal(Person.FromAccount(account.Account!), result.ToPerson());
    }

    [Theory]
    [InlineData("""{"dueDate":null,"amountDue":{"amount":1,"currency":"US"},"autopay":1}""")]
    [InlineData("""{"accountId":"A-1","dueDate":"2026-03-05","amountDue":{"amount":1,"currency":"USD"},"accounts":[]}""")]
    [InlineData("""{"accountId":"A-1",""")]
    [InlineData("""[1]""")]
    [InlineData("""{"accountId":"A-1"} // a comment""")]
    public void Read_ABadRecordWithoutPersonId_HasTheAccountReadersProblems(string json)
    {
        var result = PersonJson.Read(json, line: 7);
        var account = AccountJson.Read(json, line: 7);

        Assert.False(result.Success);
        Assert.Equal(account.Errors, result.Errors);
        Assert.Equal(DecisionJson.Write(account.ToErrorDecision()), DecisionJson.Write(result.ToErrorDecision()));
    }

    [Theory]
    [InlineData("""{"personId":"P-1"}""", "$", "required property 'accounts' is missing")]
    [InlineData("""{"personId":"","accounts":[]}""", "personId", "expected a non-empty string")]
    [InlineData("""{"personId":"P-1","accountId":"A-1","accounts":[]}""", "accountId", "unknown property 'accountId' (expected one of: personId, timeZones, regions, holds, tags, contactPoints, history, accounts)")]
    [InlineData("""{"personId":"P-1","personId":"P-2","accounts":[]}""", "personId", "property 'personId' is given twice")]
    [InlineData("""{"personId":"P-1","timeZones":"UTC","accounts":[]}""", "timeZones", "expected an array, found the string 'UTC'")]
    [InlineData("""{"personId":"P-1","regions":["Massachusetts"],"accounts":[]}""", "regions[0]", "'Massachusetts' is not an ISO 3166 country or subdivision code such as US or US-MA")]
    [InlineData("""{"personId":"P-1","regions":["us-ma"],"accounts":[]}""", "regions[0]", "'us-ma' is not an ISO 3166 country or subdivision code such as US or US-MA")]
    [InlineData("""{"personId":"P-1","holds":[{"kind":"dispute"}],"accounts":[]}""", "holds[0]", "required property 'from' is missing")]
    [InlineData("""{"personId":"P-1","tags":[""],"accounts":[]}""", "tags[0]", "expected a non-empty string")]
    [InlineData("""{"personId":"P-1","contactPoints":[{"id":"cell"}],"accounts":[]}""", "contactPoints[0]", "required property 'channel' is missing")]
    [InlineData("""{"personId":"P-1","contactPoints":[{"channel":"call","kind":"pager"}],"accounts":[]}""", "contactPoints[0].kind", "'pager' is not one of unspecified, mobile, landline, work, personalEmail, workEmail, postal, app, other")]
    [InlineData("""{"personId":"P-1","contactPoints":[{"channel":"call","id":""}],"accounts":[]}""", "contactPoints[0].id", "expected a non-empty string")]
    [InlineData("""{"personId":"P-1","contactPoints":[{"channel":"call","phone":"555"}],"accounts":[]}""", "contactPoints[0].phone", "unknown property 'phone' (expected one of: id, channel, kind, optedOut, consentGiven, isWorkplace, updatedAt)")]
    [InlineData("""{"personId":"P-1","history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"sent","contactPointId":7}],"accounts":[]}""", "history[0].contactPointId", "expected a string, found the number 7")]
    [InlineData("""{"personId":"P-1","history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"sent","accountIds":"L-1"}],"accounts":[]}""", "history[0].accountIds", "expected an array, found the string 'L-1'")]
    [InlineData("""{"personId":"P-1","history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"sent","accountIds":[""]}],"accounts":[]}""", "history[0].accountIds[0]", "expected a non-empty string")]
    [InlineData("""{"personId":"P-1","history":[{"at":"yesterday","channel":"call","outcome":"sent"}],"accounts":[]}""", "history[0].at", "'yesterday' is not an ISO 8601 UTC instant such as 2026-03-09T14:30:00Z")]
    [InlineData("""{"personId":"P-1","accounts":{}}""", "accounts", "expected an array, found an object")]
    [InlineData("""{"personId":"P-1","accounts":[{"dueDate":null,"amountDue":null}]}""", "accounts[0]", "required property 'accountId' is missing")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","amountDue":null}]}""", "accounts[0]", "required property 'dueDate' is missing (write null when it has no value)")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null}]}""", "accounts[0]", "required property 'amountDue' is missing (write null when it has no value)")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":"2026-02-30","amountDue":null}]}""", "accounts[0].dueDate", "'2026-02-30' is not an ISO 8601 date such as 2026-03-14")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":{"amount":-1,"currency":"USD"}}]}""", "accounts[0].amountDue.amount", "the amount (-1) cannot be negative")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null,"autopay":"no"}]}""", "accounts[0].autopay", "expected true or false, found the string 'no'")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null,"holds":[{"kind":"dispute","from":"now"}]}]}""", "accounts[0].holds[0].from", "'now' is not an ISO 8601 UTC instant such as 2026-03-09T14:30:00Z")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null,"tags":[1]}]}""", "accounts[0].tags[0]", "expected a string, found the number 1")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null,"contactPoints":[]}]}""", "accounts[0].contactPoints", "unknown property 'contactPoints' (expected one of: accountId, dueDate, amountDue, autopay, holds, tags)")]
    public void Read_ABadPersonLine_SaysWhereWithThePathAndLine(string json, string path, string message)
    {
        var result = PersonJson.Read(json, line: 12);

        Assert.False(result.Success);
        Assert.Null(result.Person);
        Assert.Null(result.Account);
        Assert.Null(result.Id);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
        Assert.Equal(12, error.Line);
    }

    [Fact]
    public void Read_ManyProblemsOverSeveralLines_ReportsEveryOneWithItsOwnLine()
    {
        const string json = """
            {"personId":"P-1",
             "contactPoints":[{"channel":"fax"}],
             "accounts":[
               {"accountId":"L-1","dueDate":null,"amountDue":null},
               {"accountId":"L-2","dueDate":"soon","amountDue":null}]}
            """;

        var result = PersonJson.Read(json, line: 20);

        Assert.Equal(
            [
                "line 21, contactPoints[0].channel: 'fax' is not one of email, sms, call, letter, visit, push",
                "line 24, accounts[1].dueDate: 'soon' is not an ISO 8601 date such as 2026-03-14",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Read_BytesThatAreNotUtf8_AreAProblemNeverReplaced()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal.Replace("P-1", "P-\u00e9", StringComparison.Ordinal));
        bytes[Array.IndexOf(bytes, (byte)0xC3)] = 0xFF;

        var result = PersonJson.Read(bytes, line: 2);

        Assert.False(result.Success);
        Assert.Equal(2, Assert.Single(result.Errors).Line);
    }

    [Fact]
    public void ReadLines_PersonsAndAccountsMixed_GivesOneResultPerLineInOrder()
    {
        const string account = """{"accountId":"A-1","dueDate":"2026-03-05","amountDue":{"amount":140.00,"currency":"USD"}}""";
        var text = Minimal + "\n\n" + account + "\r\n" + """{"personId":"P-2"}""" + "\n" + "{}" + "\n";

        var fromText = PersonJson.ReadLines(new StringReader(text)).ToList();
        var fromBytes = PersonJson.ReadLines(new MemoryStream(Encoding.UTF8.GetBytes(text))).ToList();

        Assert.Equal([1, 3, 4, 5], fromText.Select(r => r.Line));
        Assert.Equal(["P-1", "A-1", null, null], fromText.Select(r => r.Id));
        Assert.NotNull(fromText[0].Person);
        Assert.NotNull(fromText[1].Account);
        Assert.Equal("line 4, $: required property 'accounts' is missing", Assert.Single(fromText[2].Errors).ToString());
        Assert.Equal("line 5, $: required property 'accountId' is missing", fromText[3].Errors[0].ToString());
        Assert.Equal(fromText.Select(Summary), fromBytes.Select(Summary));

        static string Summary(PersonReadResult r) => $"{r.Line} {r.Person?.PersonId} {r.Account?.AccountId} {string.Join("; ", r.Errors)}";
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1, true)]
    public void ReadLines_ALineOverTheLimit_IsAResultWithThatProblem_AndTheNextLineIsRead(int slack, bool read)
    {
        // A limit just under, at, or just over line 1's length (its CRLF excluded); line 2 is over any of them.
        const string Short = """{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"}}""";
        const string Long = """{"accountId":"LONG","dueDate":null,"amountDue":null,"tags":["xxxxxxxxxxxxxxxxxxxxxxxx"]}""";
        var limit = Short.Length + slack;

        var results = PersonJson.ReadLines(new MemoryStream(Encoding.UTF8.GetBytes(Short + "\r\n" + Long + "\n" + Short)), limit).ToList();

        Assert.Equal([1, 2, 3], results.Select(r => r.Line));
        Assert.Equal([read, false, read], results.Select(r => r.Success));
        Assert.Equal($"line 2, $: the line is {Long.Length} bytes long, over the limit of {limit} bytes: it was not read", Assert.Single(results[1].Errors).ToString());
        Assert.Equal(read ? "A" : null, results[2].Account?.AccountId);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16 (little-endian)")]
    [InlineData("utf-16BE", "UTF-16 (big-endian)")]
    [InlineData("utf-32", "UTF-32 (little-endian)")]
    [InlineData("utf-32BE", "UTF-32 (big-endian)")]
    public void ReadLines_TextInUtf16OrUtf32_WithOrWithoutItsMark_IsRefusedNamingTheEncoding(string name, string named)
    {
        var encoding = Encoding.GetEncoding(name);
        var line = """{"accountId":"A","dueDate":null}""";

        foreach (var bytes in new[] { [.. encoding.GetPreamble(), .. encoding.GetBytes(line)], encoding.GetBytes(line) })
        {
            var error = Assert.Throws<InvalidDataException>(() => PersonJson.ReadLines(new MemoryStream(bytes)).ToList());
            Assert.Equal($"the input is {named}, not UTF-8: write JSON Lines in UTF-8", error.Message);
        }
    }

    [Fact]
    public void ReadLines_SamplePortfolio_ReadsItsAccountLinesAsTheAccountReaderDoes_AndItsPersons()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl");

        var persons = PersonJson.ReadLines(File.OpenText(path)).ToList();
        var accounts = AccountJson.ReadLines(File.OpenText(path)).Take(33).ToList();

        Assert.Equal(accounts.Select(a => (a.Line, a.Account, string.Join("; ", a.Errors))), persons.Take(33).Select(p => (p.Line, p.Account, string.Join("; ", p.Errors))));
        Assert.All(persons.Take(33), p => Assert.Null(p.Person));
        Assert.Equal(["PF-P34", "PF-P35", "PF-P36", "PF-P37"], persons.Skip(33).Select(p => p.Person?.PersonId));
        Assert.Equal([3, 2, 2, 2], persons.Skip(33).Select(p => p.Person!.Accounts.Length));
    }

    [Fact]
    public void ToErrorDecision_UnreadablePerson_IsAnErrorNamedAfterTheLineWithEveryProblem()
    {
        var result = PersonJson.Read("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":"soon","amountDue":null}]}""", line: 3);

        var decision = result.ToErrorDecision();

        Assert.Equal(DecisionKind.Error, decision.Kind);
        Assert.Equal("line 3", decision.AccountId);
        Assert.Equal(ReasonCode.InvalidAccount, decision.Error!.Code);
        Assert.Equal("line 3, accounts[0].dueDate: 'soon' is not an ISO 8601 date such as 2026-03-14", decision.Error.Message);
        Assert.Equal("""{"accountId":"line 3","kind":"error","error":{"code":"invalidAccount","message":"line 3, accounts[0].dueDate: 'soon' is not an ISO 8601 date such as 2026-03-14"}}""", DecisionJson.Write(decision));
    }

    [Fact]
    public void ToErrorDecision_ReadablePerson_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => PersonJson.Read(Minimal).ToErrorDecision());
    }

    [Fact]
    public void Evaluate_EachKindOfRecord_DecidesAsItsKind()
    {
        var policy = CadencePolicy.CreateBuilder("p").WithDefaultZone("UTC")
            .AddStep(CadenceStep.Contact("remind", Channel.Email, "t", 0, 30)).Build();
        var engine = new CadenceEngine(policy);
        var now = Instant.FromUtc(2026, 3, 2, 12, 0);
        const string account = """{"accountId":"A-1","dueDate":"2026-03-01","amountDue":{"amount":1,"currency":"USD"},"contactPoints":[{"channel":"email"}]}""";
        const string person = """{"personId":"P-1","contactPoints":[{"id":"home","channel":"email"}],"accounts":[{"accountId":"L-1","dueDate":"2026-03-01","amountDue":{"amount":1,"currency":"USD"}}]}""";

        var fromAccount = DecisionJson.Write(PersonJson.Read(account).Evaluate(engine, now));
        var fromPerson = DecisionJson.Write(PersonJson.Read(person).Evaluate(engine, now));
        var fromBadLine = PersonJson.Read("{}", line: 9).Evaluate(engine, now);

        Assert.Equal(DecisionJson.Write(engine.Evaluate(AccountJson.Read(account).Account!, now)), fromAccount);
        Assert.DoesNotContain("personId", fromAccount, StringComparison.Ordinal);
        Assert.Contains("\"personId\":\"P-1\"", fromPerson, StringComparison.Ordinal);
        Assert.Contains("\"contactPointId\":\"home\"", fromPerson, StringComparison.Ordinal);
        Assert.Equal("line 9", fromBadLine.AccountId);
    }

    [Fact]
    public void Write_APerson_ReadsBackToTheSamePerson()
    {
        var written = PersonJson.Write(FullPerson);

        Assert.DoesNotContain("\n", written, StringComparison.Ordinal);
        Assert.Equal(FullPerson, PersonJson.Read(written).Person);
    }

    [Fact]
    public void Write_AMinimalPerson_LeavesOutWhatIsEmptyAndWritesEachPointsId()
    {
        var person = new Person("P-1")
        {
            ContactPoints = [new ContactPoint(Channel.Letter)],
            Accounts = [new Account("L-1") { DueDate = new LocalDate(2026, 3, 1), AmountDue = new Money(10.00m, "USD") }, new Account("L-2")],
        };

        var written = PersonJson.Write(person);

        Assert.Equal("""{"personId":"P-1","contactPoints":[{"id":"letter","channel":"letter"}],"accounts":[{"accountId":"L-1","dueDate":"2026-03-01","amountDue":{"amount":10.00,"currency":"USD"}},{"accountId":"L-2","dueDate":null,"amountDue":null}]}""", written);
        Assert.Equal(person, PersonJson.Read(written).Person);
    }

    [Fact]
    public void Write_ANullItem_IsRefused()
    {
        var person = new Person("P-1") { Accounts = [null!] };

        Assert.Throws<ArgumentException>(() => PersonJson.Write(person));
    }

    [Fact]
    public void Schema_AcceptsTheExamplesPersonAndWhatTheWriterWrites()
    {
        var schema = JsonSchema.FromText(PersonJson.Schema);
        var example = File.ReadLines(Path.Combine(Repository.Root, "examples", "persons", "two-loans.jsonl")).First();

        Assert.True(schema.Evaluate(JsonNode.Parse(example)).IsValid);
        Assert.True(schema.Evaluate(JsonNode.Parse(PersonJson.Write(FullPerson))).IsValid);
        Assert.True(schema.Evaluate(JsonNode.Parse(Full)).IsValid);
        Assert.True(PersonJson.Read(example).Person is { Accounts.Length: 2 });
    }

    [Theory]
    [InlineData("""{"personId":"P-1"}""")]
    [InlineData("""{"personId":"P-1","regions":["us-ma"],"accounts":[]}""")]
    [InlineData("""{"personId":"P-1","contactPoints":[{"channel":"call","kind":"pager"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P-1","history":[{"at":"2026-03-03T14:00:00Z","channel":"call","outcome":"sent","accountIds":"L-1"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","amountDue":null}]}""")]
    [InlineData("""{"personId":"P-1","accounts":[{"accountId":"L-1","dueDate":null,"amountDue":null,"contactPoints":[]}]}""")]
    public void Schema_RejectsWhatTheReaderRejects(string json)
    {
        Assert.False(JsonSchema.FromText(PersonJson.Schema).Evaluate(JsonNode.Parse(json)).IsValid);
        Assert.False(PersonJson.Read(json).Success);
    }

    [Fact]
    public void Write_AnUnknownOutcome_IsWrittenUnknownAndReadsBack_OnTheFastAndTheFullReader()
    {
        var person = new Person("P-1")
        {
            ContactPoints = [new ContactPoint(Channel.Call) { Id = "cell" }],
            History = [new ContactAttempt(Instant.FromUtc(2026, 3, 3, 14, 0), Channel.Call, ContactDirection.Outbound, ContactOutcome.Unknown, "call-overdue") { ContactPointId = "cell", AccountIds = ["L-1"] }],
            Accounts = [new Account("L-1") { DueDate = new LocalDate(2026, 3, 1), AmountDue = new Money(10.00m, "USD") }],
        };

        var written = PersonJson.Write(person);
        var utf8 = Encoding.UTF8.GetBytes(written);

        Assert.Contains("\"outcome\":\"unknown\"", written, StringComparison.Ordinal);
        Assert.Equal(person, PersonJson.Read(written).Person);
        Assert.Equal(person, PersonJson.ReadFully(utf8, 1).Person);
        Assert.Equal(person, FastRecordReader.TryRead(utf8));
        Assert.True(JsonSchema.FromText(PersonJson.Schema).Evaluate(JsonNode.Parse(written)).IsValid);
    }
}
