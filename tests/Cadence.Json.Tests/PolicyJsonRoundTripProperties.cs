using System.Collections.Immutable;
using Cadence.Testing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NodaTime;

namespace Cadence.Json.Tests;

/// <summary>Any policy written to JSON and read back is equal to the original, and evaluates identically.</summary>
public sealed class PolicyJsonRoundTripProperties
{
    private static readonly HoldKind[] HoldKinds = [HoldKind.Dispute, HoldKind.PromiseToPay, new("breathing-space")];

    [Property(MaxTest = 300, Arbitrary = [typeof(PolicyJsonRoundTripProperties)])]
    public void WrittenAndReadBack_IsEqualAndEvaluatesIdentically(Scenario scenario)
    {
        var json = PolicyJson.Write(scenario.Policy);
        var result = PolicyJson.Read(json);

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Errors) + Environment.NewLine + json);
        Assert.Equal(scenario.Policy, result.Policy);
        Assert.Equal(json, PolicyJson.Write(result.Policy!));

        var original = new CadenceEngine(scenario.Policy);
        var reread = new CadenceEngine(result.Policy!);
        foreach (var account in scenario.Accounts)
        {
            var expected = original.Evaluate(account, scenario.Now);
            var actual = reread.Evaluate(account, scenario.Now);
            Assert.Equal(expected.ToString(), actual.ToString());
            Assert.Equal(expected.LimitedContentVoicemail, actual.LimitedContentVoicemail);
            Assert.Equal(expected.Explanation?.ToDisplayString(), actual.Explanation?.ToDisplayString());
        }
    }

    /// <summary>The engine's generated scenarios, with every feature a file can express added: conditions, step limits, exhaustion outcomes, zones, holidays.</summary>
    public static Arbitrary<Scenario> Scenarios() => Arb.From(
        from scenario in CadenceArbitraries.Scenarios().Generator
        from conditions in ConditionGen().ListOf().Select(l => l.Take(3).ToImmutableArray()).ArrayOf(scenario.Policy.Steps.Length)
        from maxAttempts in Gen.Elements<int?>(null, 1, 2, 5).ArrayOf(scenario.Policy.Steps.Length)
        from voicemail in Gen.Elements(true, false)
        from region in Gen.Elements<string?>(null, "RU", "US-MA")
        from zone in Gen.Elements<string?>(null, "Europe/Moscow", "America/Chicago")
        from horizonHours in Gen.Choose(24, 24 * 60)
        from failures in Gen.SubListOf(new[] { ContactOutcome.Failed, ContactOutcome.Busy, ContactOutcome.NoAnswer })
        from graceDays in Gen.Elements<int?>(null, 0, 3)
        select scenario with { Policy = Decorate(scenario.Policy, conditions, maxAttempts, voicemail, region, zone, Duration.FromHours(horizonHours), failures, graceDays) });

    private static CadencePolicy Decorate(
        CadencePolicy policy, ImmutableArray<StepCondition>[] conditions, int?[] maxAttempts, bool voicemail, string? region, string? zone, Duration horizon, IList<ContactOutcome> failures, int? graceDays)
    {
        var b = CadencePolicy.CreateBuilder(policy.Name)
            .WithHorizon(horizon)
            .WithSelectionOrder(policy.SelectionOrder)
            .WithHolidays(policy.Holidays)
            .RequireConsent([.. policy.ConsentRequired])
            .RestrictWorkplace([.. policy.WorkplaceRestricted]);
        for (var i = 0; i < policy.Steps.Length; i++)
        {
            var step = policy.Steps[i];
            b.AddStep(step with
            {
                Conditions = conditions[i],
                MaxAttempts = step.RepeatInterval is null ? null : maxAttempts[i],
                Template = step.IsEscalation && i % 2 == 0 ? "escalation-letter" : step.Template,
            });
        }

        policy.Windows.ToList().ForEach(w => b.AddWindow(w));
        policy.Caps.ToList().ForEach(c => b.AddCap(c));
        policy.Cooldowns.ToList().ForEach(c => b.AddCooldown(c));
        policy.HoldRules.ToList().ForEach(h => b.AddHoldRule(h.GraceDaysAfterPromisedDate is null ? h : h with { GraceDaysAfterPromisedDate = graceDays }));
        b.AddCooldown("minimum-gap", AttemptFilter.Outbound(), CooldownLength.Of(Duration.FromMinutes(7) + Duration.FromSeconds(30)));
        foreach (var rule in policy.ExhaustionRules)
        {
            b.AddExhaustion(failures.Count == 0 ? rule : rule with { FailureOutcomes = [.. failures], Channels = [Channel.Call, Channel.Sms] });
        }

        if (voicemail)
        {
            b.UseLimitedContentVoicemail();
        }

        if (region is not null)
        {
            b.RequireHolidays(region);
        }

        if (zone is not null)
        {
            b.WithDefaultZone(zone);
        }

        return b.Build();
    }

    private static Gen<StepCondition> ConditionGen() => Gen.OneOf(
        Gen.Elements("prime", "card", "restructured").Select(StepCondition.HasTag),
        Gen.Elements("prime", "card").Select(StepCondition.LacksTag),
        Gen.Elements(0m, 99.99m, 1000m).Select(StepCondition.AmountAtLeast),
        Gen.Elements(50m, 12345.678m).Select(StepCondition.AmountBelow),
        Gen.Elements(true, false).Select(StepCondition.Autopay),
        Gen.Elements(HoldKinds).Select(StepCondition.HoldActive),
        Gen.Elements(HoldKinds).Select(StepCondition.NoHoldActive),
        from first in Gen.Choose(-10, 20) from length in Gen.Choose(0, 10) select StepCondition.DaysFromDueBetween(first, first + length));
}
