using NodaTime;

namespace Cadence.Tests.Policy;

public sealed class CadenceStepTests
{
    [Fact]
    public void Equals_StepsWithTheSameVocabularyConditions_AreEqual()
    {
        static CadenceStep Make() => CadenceStep.Contact("sms", Channel.Sms, "t", 1, 29) with
        {
            RepeatInterval = Duration.FromDays(3),
            Conditions = [StepCondition.HasTag("prime"), StepCondition.AmountAtLeast(100m)],
        };

        Assert.Equal(Make(), Make());
        Assert.Equal(Make().GetHashCode(), Make().GetHashCode());
        Assert.NotEqual(Make(), Make() with { Conditions = [StepCondition.HasTag("prime")] });
    }

    [Fact]
    public void Equals_CustomConditions_AreEqualOnlyToThemselves()
    {
        var custom = StepCondition.Custom("vip", f => f.HasTag("vip"));

        Assert.Equal(custom, custom);
        Assert.NotEqual(custom, StepCondition.Custom("vip", f => f.HasTag("vip")));
        Assert.NotEqual(StepCondition.HasTag("vip"), StepCondition.Custom("has tag 'vip'", f => f.HasTag("vip")));
    }

    [Fact]
    public void EffectiveMaxAttempts_IsOneForASingleShotAndUnlimitedForARepeatingStep()
    {
        Assert.Equal(1, CadenceStep.Contact("a", Channel.Sms, "t", 0, 1).EffectiveMaxAttempts);
        Assert.Equal(int.MaxValue, (CadenceStep.Contact("a", Channel.Sms, "t", 0, 1) with { RepeatInterval = Duration.FromDays(1) }).EffectiveMaxAttempts);
        Assert.Equal(3, (CadenceStep.Contact("a", Channel.Sms, "t", 0, 1) with { RepeatInterval = Duration.FromDays(1), MaxAttempts = 3 }).EffectiveMaxAttempts);
    }
}
