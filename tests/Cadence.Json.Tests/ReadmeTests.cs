using System.Text.RegularExpressions;
using Cadence.Json.Tests.Support;

namespace Cadence.Json.Tests;

/// <summary>The policy file the README shows loads as shown.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void PolicyFileExample_LoadsWithItsPack()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("### Policy files", StringComparison.Ordinal)..];
        var json = JsonBlock().Match(section).Groups["json"].Value;

        var result = PolicyJson.Read(json);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal("acme-lending-us", result.Policy!.Name);
        Assert.Contains(result.Policy.Caps, c => c.Name == "reg-f-7-calls-in-7-days");
    }

    [GeneratedRegex("```json\\n(?<json>.*?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
