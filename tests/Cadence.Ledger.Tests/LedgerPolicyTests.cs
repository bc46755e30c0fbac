using System.Security.Cryptography;
using System.Text;
using Cadence.Json;
using Cadence.Ledger.Tests.Support;

namespace Cadence.Ledger.Tests;

public sealed class LedgerPolicyTests
{
    private static readonly string RuPolicyPath = Path.Combine(AppContext.BaseDirectory, "policies", "ru-lender.policy.json");

    [Fact]
    public void Constructor_PolicyWithoutHolidayFiles_IsIdentifiedByTheSha256OfItsText()
    {
        var policy = new LedgerPolicy(TestData.PolicyText);

        var expected = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(TestData.PolicyText))).ToLowerInvariant();
        Assert.Equal(expected, policy.Sha256);
        Assert.Equal(expected, policy.Id);
        Assert.Empty(policy.HolidayFiles);
    }

    [Fact]
    public void Constructor_SameTextOtherHolidayFile_HasTheSameShaAndAnotherId()
    {
        var one = new LedgerPolicy(TestData.PolicyText, [new("h.json", "{}")]);
        var other = new LedgerPolicy(TestData.PolicyText, [new("h.json", "{ }")]);

        Assert.Equal(one.Sha256, other.Sha256);
        Assert.NotEqual(one.Id, other.Id);
        Assert.NotEqual(one, other);
        Assert.Equal(one, new LedgerPolicy(TestData.PolicyText, [new("h.json", "{}")]));
    }

    [Fact]
    public void FromFile_PolicyNamingHolidayFiles_ReadsThemToo()
    {
        var policy = LedgerPolicy.FromFile(RuPolicyPath);

        Assert.Equal(["ru-2026.holidays.json"], policy.HolidayFiles.Keys);
        Assert.Equal(File.ReadAllText(Path.Combine(Path.GetDirectoryName(RuPolicyPath)!, "ru-2026.holidays.json")), policy.HolidayFiles["ru-2026.holidays.json"]);
    }

    [Fact]
    public void Load_PolicyWithHolidayFiles_IsThePolicyTheFileDescribes()
    {
        var loaded = LedgerPolicy.FromFile(RuPolicyPath).Load();

        Assert.Equal(PolicyJson.Load(RuPolicyPath), loaded);
    }

    [Fact]
    public void Load_TakesTheHolidayFilesFromTheEvidence_NeverFromTheDisk()
    {
        // A name that leads out of any folder, and no such file anywhere: the evidence alone is read.
        var text = TestData.PolicyText.Replace("\"horizon\"", "\"holidayFiles\": [\"../calendars/x.holidays.json\"], \"horizon\"", StringComparison.Ordinal);
        var policy = new LedgerPolicy(text, [new("../calendars/x.holidays.json", """{ "name": "X-2026", "dates": ["2026-01-01"] }""")]);

        Assert.True(policy.Load().Holidays.IsHoliday(new NodaTime.LocalDate(2026, 1, 1)));
    }

    [Fact]
    public void Load_InvalidPolicy_ThrowsWithEveryProblem()
    {
        var e = Assert.Throws<PolicyValidationException>(new LedgerPolicy("""{ "name": "x", "steps": [] , "unknown": 1 }""").Load);

        Assert.Contains("unknown", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_HolidayFilesNotAList_Throws()
    {
        using var database = new TemporaryDatabase();
        var path = Path.Combine(database.Folder, "p.policy.json");
        File.WriteAllText(path, """{ "name": "x", "holidayFiles": "h.json" }""");

        var e = Assert.Throws<FormatException>(() => LedgerPolicy.FromFile(path));

        Assert.Equal("The policy's 'holidayFiles' is not a list of file names.", e.Message);
    }
}
