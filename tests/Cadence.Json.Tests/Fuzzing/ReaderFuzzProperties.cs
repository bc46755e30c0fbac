using FsCheck;
using FsCheck.Fluent;

namespace Cadence.Json.Tests.Fuzzing;

/// <summary>
/// The JSON Lines readers over generated corruptions of the sample files (<see cref="Corruptions"/>): one result per
/// non-blank line, in order, with its line number; an untouched line reads as it does in the clean file; a corrupted
/// line is an error result or a record; nothing throws but the documented refusal of a UTF-16 or UTF-32 file.
/// </summary>
public sealed class ReaderFuzzProperties
{
    private static readonly PersonReadResult[] Clean = [.. Corruptions.SampleLines.Select((l, i) => PersonJson.Read(l, i + 1))];

    [Fact]
    public Task PersonAndAccountReaders_AnswerEveryNonBlankLineOfACorruptedFileInOrder()
        => Fuzz.RunAsync(() => Check.One(Fuzz.Config, Prop.ForAll(Corruptions.Cases(Corruptions.SampleLines.Length).ToArbitrary(), c =>
        {
            var file = Corruptions.Apply(Corruptions.SampleLines, c);
            if (file.RefusedAs is { } encoding)
            {
                var refused = Assert.Throws<InvalidDataException>(() => PersonJson.ReadLines(new MemoryStream(file.Bytes)).ToList());
                Assert.Contains(encoding, refused.Message, StringComparison.Ordinal);
                refused = Assert.Throws<InvalidDataException>(() => AccountJson.ReadLines(new MemoryStream(file.Bytes)).ToList());
                Assert.Contains(encoding, refused.Message, StringComparison.Ordinal);
                return;
            }

            var results = PersonJson.ReadLines(new MemoryStream(file.Bytes)).ToList();
            var expected = file.NonBlankLines.ToList();
            Assert.Equal(expected.Select(x => x.Number), results.Select(r => r.Line));

            // The account reader splits and numbers the lines alike, and reads an account line as the person reader does.
            var accounts = AccountJson.ReadLines(new MemoryStream(file.Bytes)).ToList();
            Assert.Equal(expected.Select(x => x.Number), accounts.Select(r => r.Line));
            Assert.All(accounts, a => Assert.True(a.Success == a.Errors.IsEmpty && a.Errors.All(e => e.Line == a.Line), $"line {a.Line}: {string.Join("; ", a.Errors)}"));
            Assert.All(accounts.Zip(results), x => Assert.True(x.First.Account is null || x.First.Account.AccountId == x.Second.Account?.AccountId, $"line {x.First.Line}"));
            foreach (var ((number, line), read) in expected.Zip(results))
            {
                Assert.Equal(read.Success, read.Errors.IsEmpty);
                Assert.All(read.Errors, e => Assert.True(e.Line == number && e.Path.Length > 0, $"line {number}: {e}"));
                if (line.Clean is { } clean)
                {
                    Assert.Equal(Clean[clean].Id, read.Id);
                    Assert.Equal(Clean[clean].Errors.Length, read.Errors.Length);
                    Assert.Equal(Describe(Clean[clean]), Describe(read));
                }
                else if (!read.Success)
                {
                    var decision = read.ToErrorDecision();
                    Assert.Equal(DecisionKind.Error, decision.Kind);
                    Assert.Equal($"line {number}", decision.AccountId);
                }
            }
        })));

    // What a result is, for comparison: the record written back, or its problems.
    private static string Describe(PersonReadResult r)
        => r.Person is { } p ? PersonJson.Write(p) : r.Account is { } a ? $"account {a.AccountId}" : string.Join("; ", r.Errors.Select(e => $"{e.Path}: {e.Message}"));
}
