using Cadence.Cli.Tests.Support;

namespace Cadence.Cli.Tests;

public sealed class SimulationReportTests
{
    [Fact]
    public void Table_TwoVariants_PutsThemSideBySideWithTheChannelsUsedAndTheCureRate()
    {
        var table = SimulationReport.Table(Simulations.TwoVariants(), v => v ?? "unused");

        Assert.Equal(
            """
                                  champion  challenger
            accounts                  5020        4980
            contacts                  4504        4276
              e-mail                   742         602
              SMS                     1932        2702
              call                    1710         860
              letter                   120         112
            contacts per account      0.90        0.86
            escalations                 12           0
            conversations              225         213
            promises to pay             90          85
            payments                   112         106
            cured accounts             100          95
            cure rate                2.0 %       1.9 %
            violations                   0           0

            """.ReplaceLineEndings("\n"),
            table);
    }

    [Fact]
    public void Table_OnePolicy_NamesTheColumnAfterTheLabelOfARunWithoutExperiment()
    {
        var table = SimulationReport.Table(Simulations.OnePolicy(), v => v ?? "acme-lending-us");

        Assert.StartsWith("                      acme-lending-us\naccounts                          100\ncontacts                           67\n  e-mail                           12\n  SMS                              55\n", table, StringComparison.Ordinal);
        Assert.DoesNotContain("call", table, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteDailyCsv_OnePolicy_WritesOneRowPerDayAndChannelWithContactsInJsonChannelNames()
    {
        using var writer = new StringWriter();

        SimulationReport.WriteDailyCsv(Simulations.OnePolicy(), v => v ?? "acme-lending-us", writer);

        Assert.Equal("date,variant,channel,contacts\n2026-03-02,acme-lending-us,email,12\n2026-03-02,acme-lending-us,sms,30\n2026-03-04,acme-lending-us,sms,25\n", writer.ToString());
    }

    [Fact]
    public void WriteDailyCsv_VariantNameWithCommaAndQuotes_IsQuoted()
    {
        using var writer = new StringWriter();

        SimulationReport.WriteDailyCsv(Simulations.OnePolicy(), _ => "acme, \"us\"", writer);

        Assert.Equal("2026-03-02,\"acme, \"\"us\"\"\",email,12", writer.ToString().Split('\n')[1]);
    }

    [Fact]
    public void WriteDailyCsv_Escalations_AreUnderTheChannelNone()
    {
        using var writer = new StringWriter();

        SimulationReport.WriteDailyCsv(Simulations.TwoVariants(days: 1), v => v!, writer);

        Assert.Equal(
            ["date,variant,channel,contacts", "2026-03-02,champion,email,40", "2026-03-02,champion,sms,60", "2026-03-02,champion,call,90", "2026-03-02,champion,letter,30", "2026-03-02,champion,none,2", "2026-03-02,challenger,email,35", "2026-03-02,challenger,sms,110", "2026-03-02,challenger,call,45", "2026-03-02,challenger,letter,28"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
