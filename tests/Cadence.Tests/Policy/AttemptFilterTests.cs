using NodaTime;

namespace Cadence.Tests.Policy;

public sealed class AttemptFilterTests
{
    private static ContactAttempt Attempt(Channel channel, ContactDirection direction = ContactDirection.Outbound, ContactOutcome outcome = ContactOutcome.Sent)
        => new(Instant.FromUtc(2026, 1, 1, 0, 0), channel, direction, outcome);

    [Fact]
    public void Outbound_MatchesOnlyOutboundAttemptsOnItsChannels()
    {
        var filter = AttemptFilter.Outbound(Channel.Call);

        Assert.True(filter.Matches(Attempt(Channel.Call)));
        Assert.False(filter.Matches(Attempt(Channel.Call, ContactDirection.Inbound)));
        Assert.False(filter.Matches(Attempt(Channel.Sms)));
    }

    [Fact]
    public void WithOutcomes_MatchesOnlyThoseOutcomes()
    {
        var filter = AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation);

        Assert.True(filter.Matches(Attempt(Channel.Call, ContactDirection.Inbound, ContactOutcome.Conversation)));
        Assert.False(filter.Matches(Attempt(Channel.Call, ContactDirection.Outbound, ContactOutcome.NoAnswer)));
    }

    [Fact]
    public void NoChannels_MatchesEveryContactChannelButNotNonContactActions()
    {
        var filter = AttemptFilter.Outbound();

        Assert.True(filter.Matches(Attempt(Channel.Letter)));
        Assert.False(filter.Matches(Attempt(Channel.None)));
    }

    [Fact]
    public void CouldMatchOutbound_IgnoresOutcomesBecauseAProposedContactsOutcomeIsUnknown()
    {
        Assert.True(AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation).CouldMatchOutbound(Channel.Call));
        Assert.False(new AttemptFilter([Channel.Call], DirectionFilter.Inbound, []).CouldMatchOutbound(Channel.Call));
    }

    [Fact]
    public void WithOutcomes_MatchesAnUnknownOutcomeToo_ForItMayHaveBeenAnyOfThem()
    {
        var conversations = AttemptFilter.AnyDirection(Channel.Call).WithOutcomes(ContactOutcome.Conversation);
        var unanswered = AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.NoAnswer, ContactOutcome.Busy);

        Assert.True(conversations.Matches(Attempt(Channel.Call, ContactDirection.Inbound, ContactOutcome.Unknown)));
        Assert.True(unanswered.Matches(Attempt(Channel.Call, ContactDirection.Outbound, ContactOutcome.Unknown)));
        Assert.True(conversations.MatchesOutcome(ContactOutcome.Unknown));
        Assert.False(conversations.MatchesOutcome(ContactOutcome.NoAnswer));
        Assert.True(AttemptFilter.Outbound().MatchesOutcome(ContactOutcome.Unknown));
    }

    [Fact]
    public void AnUnknownOutcome_LeavesChannelAndDirectionFiltersAsTheyAre()
    {
        var placedCalls = AttemptFilter.Outbound(Channel.Call).WithOutcomes(ContactOutcome.Conversation);

        Assert.False(placedCalls.Matches(Attempt(Channel.Call, ContactDirection.Inbound, ContactOutcome.Unknown)));
        Assert.False(placedCalls.Matches(Attempt(Channel.Sms, ContactDirection.Outbound, ContactOutcome.Unknown)));
    }
}
