using System.Text;
using Cadence.Simulation;
using Cadence.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Cadence.Json.Tests;

/// <summary>
/// The one-pass reader of person and account lines must read exactly what the full reader reads, to the same record,
/// and give up on everything else: whatever the bytes, <see cref="PersonJson.Read(ReadOnlySpan{byte}, int)"/> and
/// <see cref="AccountJson.Read(ReadOnlySpan{byte}, int)"/> answer as the full readers alone would.
/// </summary>
public sealed class FastRecordReaderTests
{
    private static readonly Config Cases = Config.QuickThrowOnFailure.WithMaxTest(300).WithReplay(20261130, 13);

    private static string Describe(PersonReadResult r) => $"{r.Line} {r.Person} {r.Account} [{string.Join("; ", r.Errors)}]";

    private static void AssertSameAsTheFullReader(byte[] utf8)
    {
        var read = PersonJson.Read(utf8, 7);
        var full = PersonJson.ReadFully(utf8, 7);
        var account = AccountJson.Read(utf8, 7);
        var fullAccount = AccountJson.ReadFully(utf8, 7);

        Assert.Equal(full.Person, read.Person);
        Assert.Equal(full.Account, read.Account);
        Assert.Equal(Describe(full), Describe(read));
        Assert.Equal(fullAccount.Account, account.Account);
        Assert.Equal(string.Join("; ", fullAccount.Errors), string.Join("; ", account.Errors));
    }

    [Fact]
    public void TryRead_EveryPersonOfASyntheticPortfolio_ReadsWhatTheFullReaderReads()
    {
        foreach (var person in SyntheticPortfolio.GeneratePersons(500, Instant.FromUtc(2026, 3, 9, 14, 30), seed: 5))
        {
            var utf8 = Encoding.UTF8.GetBytes(PersonJson.Write(person));

            var fast = FastRecordReader.TryRead(utf8);

            Assert.NotNull(fast);
            Assert.Equal(PersonJson.ReadFully(utf8, 1).Person, fast);
        }
    }

    [Fact]
    public void TryRead_GeneratedPersons_ReadWhatTheFullReaderReads()
        => Prop.ForAll(CadenceArbitraries.PersonScenarios(), scenario =>
        {
            var utf8 = Encoding.UTF8.GetBytes(PersonJson.Write(scenario.Person));
            var full = PersonJson.ReadFully(utf8, 1);
            var fast = FastRecordReader.TryRead(utf8);
            return (fast is null || Equals(full.Person, fast)).Label($"fast {fast}, full {Describe(full)}");
        }).Check(Cases);

    [Theory]
    [InlineData("""{"personId":"P\u0031","accounts":[]}""")]
    [InlineData("""{"personId":"P1","accounts":[],"colour":"red"}""")]
    [InlineData("""{"personId":"P1","personId":"P2","accounts":[]}""")]
    [InlineData("""{"personId":"P1","timeZones":null,"accounts":[]}""")]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":"2026-3-1","amountDue":null}]}""")]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":"2026-02-30","amountDue":null}]}""")]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":null,"amountDue":{"amount":1e400,"currency":"USD"}}]}""")]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":null,"amountDue":{"amount":-1,"currency":"USD"}}]}""")]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":null}]}""")]
    [InlineData("""{"personId":"P1","history":[{"at":"2026-03-08T15:00:00+01:00","channel":"call","outcome":"noAnswer"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P1","history":[{"at":"2026-03-08T24:00:00Z","channel":"call","outcome":"noAnswer"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P1","history":[{"at":"2026-03-08T15:00:00.1234567891Z","channel":"call","outcome":"noAnswer"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P1","contactPoints":[{"channel":"none"}],"accounts":[]}""")]
    [InlineData("""{"personId":"P1","regions":["usa"],"accounts":[]}""")]
    [InlineData("""{"personId":" ","accounts":[]}""")]
    [InlineData("""{"personId":"P1","accounts":[]} {}""")]
    [InlineData("""{"personId":"P1","accounts":[],}""")]
    [InlineData("""{"accountId":"A","dueDate":null,"amountDue":null}""")]
    [InlineData("""{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"regions":["US"]}""")]
    [InlineData("""{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"contactPoints":[{"id":"c","channel":"call"}]}""")]
    [InlineData("""{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","accountIds":["A"]}]}""")]
    [InlineData("""{"personId":"P1","accountId":"A","dueDate":null,"amountDue":null,"accounts":[]}""")]
    [InlineData("""["personId"]""")]
    public void Read_ALineOutOfThePlainForms_IsReadByTheFullReader(string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        Assert.Null(FastRecordReader.TryRead(utf8));
        AssertSameAsTheFullReader(utf8);
    }

    [Theory]
    [InlineData("""{"personId":"P1","accounts":[{"accountId":"A","dueDate":"2026-02-28","amountDue":{"amount":12.50,"currency":"EUR"}}],"history":[{"at":"2026-03-08T15:00:00.5Z","channel":"sms","outcome":"delivered","accountIds":["A"]}]}""")]
    [InlineData("""{ "accounts" : [ ], "personId" : "P1", "tags": ["a", "b"], "holds": [{"kind":"dispute","from":"2026-03-01T00:00:00Z","until":"2026-04-01T00:00:00Z","promisedDate":"2026-03-20"}] }""")]
    public void TryRead_APlainPersonInAnyOrderAndSpacing_IsReadInOnePass(string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        Assert.NotNull(FastRecordReader.TryRead(utf8));
        AssertSameAsTheFullReader(utf8);
    }

    [Fact]
    public void TryRead_EveryReadableLineOfTheSamplePortfolio_ReadsWhatTheFullReaderReads()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl")).Select(Encoding.UTF8.GetBytes).ToList();

        Assert.Equal(34, lines.Count(l => FastRecordReader.TryRead(l, out _, out _)));   // 30 readable accounts and 4 persons
        Assert.All(lines, AssertSameAsTheFullReader);
    }

    [Theory]
    [InlineData(true, """{"personId":"P1","history":[],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[ ],"contactPoints":[ ],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"}, {"at":"2026-03-09T15:00:00Z","channel":"sms","outcome":"sent"}],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"} ,{"at":"2026-03-09T15:00:00Z","channel":"sms","outcome":"sent"}],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"},{ "at" : "2026-03-09T15:00:00Z", "channel":"sms","outcome":"sent"}],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"outcome":"noAnswer","stepId":"s1","channel":"call","direction":"inbound","at":"2026-03-08T15:00:00.25Z"}],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":"café"}],"accounts":[]}""")]
    [InlineData(true, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","accountIds":["A","B"]},{"at":"2026-03-09T15:00:00Z","channel":"sms","outcome":"sent","accountIds":[]}],"accounts":[{"accountId":"A","dueDate":null,"amountDue":null},{"accountId":"B","dueDate":null,"amountDue":null}]}""")]
    [InlineData(true, """{"personId":"P1","contactPoints":[{"id":"c1","channel":"call","kind":"mobile","optedOut":true,"consentGiven":false,"isWorkplace":true,"updatedAt":"2025-08-20T15:30:00Z"},{"channel":"sms","optedOut":false }],"accounts":[]}""")]
    [InlineData(true, """{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":"s1"}],"contactPoints":[{"channel":"call","optedOut":true}]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"},],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"}, ],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"}]],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"},{"at":"2026-03-09T15:00:00Z","channel":"sms","outcome":"sent"}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":"a\u0062"}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":" "}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call"}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","colour":"red"}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","accountIds":["A",]}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer"}{"at":"2026-03-09T15:00:00Z","channel":"sms","outcome":"sent"}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","contactPoints":[{"channel":"call","optedOut":tru}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","contactPoints":[{"channel":"call","optedOut":true1}],"accounts":[]}""")]
    [InlineData(false, """{"personId":"P1","contactPoints":[{"channel":"call","kind":"pager"}],"accounts":[]}""")]
    [InlineData(false, """{"accountId":"A","dueDate":null,"amountDue":{"amount":0,"currency":"USD"},"history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","contactPointId":"c1"}]}""")]
    public void Read_AHistoryOrPointsPartlyOutOfThePlainForm_ReadsWhatTheFullReaderReads(bool onePass, string line)
    {
        var utf8 = Encoding.UTF8.GetBytes(line);

        Assert.Equal(onePass, FastRecordReader.TryRead(utf8, out _, out _));
        AssertSameAsTheFullReader(utf8);
    }

    [Fact]
    public void Read_ACorruptedLine_AnswersAsTheFullReaderWould()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "sample-portfolio.jsonl")).Select(Encoding.UTF8.GetBytes).ToArray();
        var corruptions = from line in Gen.Elements(lines) from corrupted in Corrupted(line, 0, line.Length) select corrupted;

        Prop.ForAll(corruptions.ToArbitrary(), utf8 =>
        {
            AssertSameAsTheFullReader(utf8);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithReplay(20261130, 15));
    }

    [Fact]
    public void Read_APersonCorruptedInItsPointsOrHistory_AnswersAsTheFullReaderWould()
    {
        var lines = SyntheticPortfolio.GeneratePersons(40, Instant.FromUtc(2026, 3, 9, 14, 30), seed: 9)
            .Select(p => Encoding.UTF8.GetBytes(PersonJson.Write(p)))
            .Where(l => l.AsSpan().IndexOf("\"history\":[{"u8) > 0)
            .ToArray();
        var corruptions =
            from line in Gen.Elements(lines)
            let start = line.AsSpan().IndexOf("\"contactPoints\""u8) is var points and >= 0 ? points : line.AsSpan().IndexOf("\"history\""u8)
            from corrupted in Corrupted(line, start, line.AsSpan().IndexOf("\"accounts\""u8))
            select corrupted;

        Prop.ForAll(corruptions.ToArbitrary(), utf8 =>
        {
            AssertSameAsTheFullReader(utf8);
            return true;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000).WithReplay(20261201, 17));
    }

    [Theory]
    [InlineData("America/AAA_Angeles", "America/BBB_Angeles")]
    [InlineData("step-long-name-one-of-them", "step-long-name-two-of-them")]
    [InlineData("c-1", "c-2")]
    public void TryRead_StringsAlikeButInTheirMiddle_AreReadAsThemselves(string first, string second)
    {
        // The table of recent strings tells short ones by their words and compares longer ones whole.
        var line = $$"""{"personId":"P1","tags":["{{first}}","{{second}}","{{first}}"],"history":[{"at":"2026-03-08T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":"{{first}}"},{"at":"2026-03-09T15:00:00Z","channel":"call","outcome":"noAnswer","stepId":"{{second}}"}],"accounts":[]}""";

        var person = FastRecordReader.TryRead(Encoding.UTF8.GetBytes(line));

        Assert.NotNull(person);
        Assert.Equal([first, second, first], person.Tags);
        Assert.Equal([first, second], person.History.Select(a => a.StepId));
    }

    [Fact]
    public void PlainLength_AnyBytes_CountsThoseBeforeTheFirstOneAPlainStringCannotHold()
    {
        // Mostly printable bytes, some of every other kind, at any length around the 16 bytes looked at together.
        var bytes = Gen.Frequency(
            (8, Gen.Choose(0x20, 0x7E).Select(b => (byte)b)),
            (1, Gen.Elements<byte>((byte)'"', (byte)'\\', 0x00, 0x1F, 0x7F, 0x80, 0xC3, 0xFF)));
        var texts = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(bytes, n));

        Prop.ForAll(texts.ToArbitrary(), text =>
        {
            var expected = Array.FindIndex(text, b => b is < 0x20 or > 0x7E or (byte)'"' or (byte)'\\');
            return FastRecordReader.PlainLength(text) == (expected < 0 ? text.Length : expected);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(3000).WithReplay(20261201, 19));
    }

    /// <summary>The line cut, or with one byte replaced, inserted or removed, somewhere from <paramref name="start"/> up to <paramref name="end"/>.</summary>
    private static Gen<byte[]> Corrupted(byte[] line, int start, int end)
        => from kind in Gen.Choose(0, 3)
           from at in Gen.Choose(start, Math.Max(start, end - 1))
           from value in Gen.Elements<byte>((byte)'"', (byte)'\\', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)',', (byte)':', (byte)' ', (byte)'0', (byte)'9', (byte)'-', (byte)'Z', (byte)'x', (byte)'t', (byte)'e', 0x00, 0xC3, 0xFF, (byte)'\r')
           select kind switch
           {
               0 => line[..at],
               1 => [.. line[..at], value, .. line[(at + 1)..]],
               2 => [.. line[..at], value, .. line[at..]],
               _ => [.. line[..at], .. line[(at + 1)..]],
           };
}
