using System.Globalization;
using System.Runtime.CompilerServices;
using Cadence.Tests.Support;
using FsCheck;
using FsCheck.Xunit;
using NodaTime;

namespace Cadence.Tests;

/// <summary>The guarantees of the semantics, each a property over generated policies, accounts and instants.</summary>
public sealed class GuaranteeProperties
{
    private const int Cases = 150;
    private static readonly ConditionalWeakTable<CadencePolicy, CadenceEngine> Engines = [];

    private static CadenceEngine EngineFor(CadencePolicy policy) => Engines.GetValue(policy, p => new CadenceEngine(p));

    private static string Signature(Decision d)
        => string.Join(
            " | ",
            d.AccountId,
            d.Kind,
            d.Step?.Id,
            d.NotBefore?.ToString(),
            d.ReviewAt?.ToString(),
            d.SuppressedBy?.ToString(),
            d.Error?.Message,
            d.Explanation?.ToDisplayString());

    private static void Check(Scenario s, Func<BorrowerState, Decision, IEnumerable<string>> violations)
    {
        foreach (var account in s.Accounts)
        {
            var decision = EngineFor(s.Policy).Evaluate(account, s.Now);
            var found = violations(account, decision).ToList();
            if (found.Count > 0)
            {
                Assert.Fail($"{account.AccountId}: {decision}{Environment.NewLine}{string.Join(Environment.NewLine, found)}{Environment.NewLine}{decision.Explanation?.ToDisplayString()}");
            }
        }
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void NotBefore_IsNeverBeforeNowAndInsideTheWindowInEveryZone(Scenario s)
        => Check(s, (account, d) => Compliance.Violations(s.Policy, account, s.Now, d).Where(v => v.Contains("before now", StringComparison.Ordinal) || v.StartsWith("window", StringComparison.Ordinal)));

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void RecordingTheContactAtNotBefore_BreaksNoCapCooldownOrBlock(Scenario s)
        => Check(s, (account, d) => Compliance.Violations(s.Policy, account, s.Now, d));

    /// <remarks>
    /// Scans instants before <c>NotBefore</c> (every 20 minutes, up to two days ahead) with the independent checker: none
    /// may be allowed. Skipped where the engine is stricter by design: accounts with attempts booked after now, and
    /// instants in a repeated autumn hour.
    /// </remarks>
    [Property(MaxTest = 80, Arbitrary = [typeof(Generators)])]
    public void NotBefore_IsTheEarliestAllowedInstant(Scenario s)
    {
        foreach (var account in s.Accounts.Where(a => a.History.All(h => h.At <= s.Now)))
        {
            var d = EngineFor(s.Policy).Evaluate(account, s.Now);
            if (d.Kind != DecisionKind.Contact)
            {
                continue;
            }

            var zones = account.TimeZoneIds.Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
            var end = Instant.Min(d.NotBefore!.Value, s.Now + Duration.FromDays(2));
            for (var t = s.Now; t < end; t += Duration.FromMinutes(20))
            {
                if (zones.Any(z => z.MapLocal(t.InZone(z).LocalDateTime).Count > 1))
                {
                    continue;
                }

                var earlier = new Decision(DecisionKind.Contact, d.AccountId, d.Step, t, null, null, null, null);
                Assert.True(
                    Compliance.Violations(s.Policy, account, s.Now, earlier).Count > 0,
                    $"{account.AccountId}: {d} but {t} was already allowed{Environment.NewLine}{d.Explanation?.ToDisplayString()}");
            }
        }
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void Decisions_NeverUseABlockedChannel(Scenario s)
        => Check(s, (account, d) => Compliance.Violations(s.Policy, account, s.Now, d).Where(v => v.StartsWith("channel", StringComparison.Ordinal) || v.StartsWith("hold", StringComparison.Ordinal)));

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void Decisions_DoNotDependOnHistoryOrder(Scenario s)
    {
        var engine = EngineFor(s.Policy);
        foreach (var account in s.Accounts)
        {
            var reversed = account with { History = [.. account.History.Reverse()] };
            var rotated = account with { History = [.. account.History.Skip(account.History.Length / 2), .. account.History.Take(account.History.Length / 2)] };
            var expected = Signature(engine.Evaluate(account, s.Now));
            Assert.Equal(expected, Signature(engine.Evaluate(reversed, s.Now)));
            Assert.Equal(expected, Signature(engine.Evaluate(rotated, s.Now)));
        }
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void Decisions_DoNotDependOnBatchSizeOrParallelism(Scenario s)
    {
        var one = s.Accounts.Select(a => Signature(EngineFor(s.Policy).Evaluate(a, s.Now))).ToList();
        var accounts = s.Accounts.Concat(s.Accounts).Concat(s.Accounts).ToList();
        foreach (var degree in new[] { 1, 2, 3 })
        {
            var engine = new CadenceEngine(s.Policy, new CadenceEngineOptions { MaxDegreeOfParallelism = degree, MinimumPartitionSize = 1, IncludeExplanationsInBatches = true });
            var batch = engine.EvaluateBatch(accounts, s.Now).Select(Signature).ToList();
            Assert.Equal(one.Concat(one).Concat(one), batch);
        }
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Generators)])]
    public void Decisions_DoNotDependOnTheCurrentCulture(Scenario s)
    {
        var engine = EngineFor(s.Policy);
        var expected = s.Accounts.Select(a => Signature(engine.Evaluate(a, s.Now))).ToList();
        var saved = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            foreach (var name in new[] { "tr-TR", "ar-SA", "de-DE", "ja-JP" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
                Assert.Equal(expected, s.Accounts.Select(a => Signature(engine.Evaluate(a, s.Now))).ToList());
            }
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = saved;
        }
    }

    [Property(MaxTest = Cases, Arbitrary = [typeof(Generators)])]
    public void BadInput_IsAnErrorForThatAccountOnly_AndEveryAccountIsAnswered(Scenario s)
    {
        var engine = new CadenceEngine(s.Policy, new CadenceEngineOptions { IncludeExplanationsInBatches = true });
        var accounts = s.Accounts.Select((a, i) => i % 2 == 0 ? a with { TimeZoneIds = [.. a.TimeZoneIds, "Not/AZone"] } : a).ToList();

        var decisions = engine.EvaluateBatch(accounts, s.Now);

        Assert.Equal(accounts.Count, decisions.Length);
        for (var i = 0; i < accounts.Count; i++)
        {
            Assert.Equal(accounts[i].AccountId, decisions[i].AccountId);
            if (i % 2 == 0)
            {
                Assert.Equal(DecisionKind.Error, decisions[i].Kind);
                Assert.Null(decisions[i].Step);
                Assert.Null(decisions[i].NotBefore);
            }
            else
            {
                Assert.Equal(Signature(engine.Evaluate(accounts[i], s.Now)), Signature(decisions[i]));
            }
        }
    }

    [Property(MaxTest = 60, Arbitrary = [typeof(Generators)])]
    public void ClosedLoop_FollowingEveryDecision_NeverProducesAViolation(Scenario s)
    {
        var engine = EngineFor(s.Policy);
        foreach (var start in s.Accounts)
        {
            var account = start;
            var now = s.Now;
            for (var round = 0; round < 12; round++)
            {
                var d = engine.Evaluate(account, now);
                var violations = Compliance.Violations(s.Policy, account, now, d);
                Assert.True(violations.Count == 0, $"round {round}: {d}{Environment.NewLine}{string.Join(Environment.NewLine, violations)}{Environment.NewLine}{Describe.Account(account)}");
                if (d.Kind is DecisionKind.Contact or DecisionKind.Escalate)
                {
                    var outcome = (ContactOutcome)(round * 7 % Enum.GetValues<ContactOutcome>().Length);
                    account = account with { History = account.History.Add(new ContactAttempt(d.NotBefore!.Value, d.Channel ?? Channel.None, ContactDirection.Outbound, outcome, d.Step!.Id)) };
                    now = d.NotBefore!.Value + Duration.FromMinutes(1);
                }
                else if (d.Kind == DecisionKind.Wait && d.ReviewAt is { } review)
                {
                    now = review;
                }
                else
                {
                    break;
                }
            }
        }
    }
}
