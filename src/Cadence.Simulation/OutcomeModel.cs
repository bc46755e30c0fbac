using System.Collections.Immutable;

namespace Cadence.Simulation;

/// <summary>A seeded model of borrowers' responses, used by the <see cref="PortfolioSimulator"/>.</summary>
public sealed record OutcomeModel
{
    /// <summary>A plausible default: e-mail 95 % delivered, SMS 97 %, calls answered 35 % with 60 % of those conversations.</summary>
    public static OutcomeModel Default { get; } = new();

    /// <summary>Response rates per channel.</summary>
    public ImmutableDictionary<Channel, ChannelResponse> Channels { get; init; } = ImmutableDictionary.CreateRange(
    [
        KeyValuePair.Create(Channel.Email, new ChannelResponse(0.95)),
        KeyValuePair.Create(Channel.Sms, new ChannelResponse(0.97)),
        KeyValuePair.Create(Channel.Call, new ChannelResponse(0.35, 0.6)),
        KeyValuePair.Create(Channel.Letter, new ChannelResponse(1.0)),
        KeyValuePair.Create(Channel.Visit, new ChannelResponse(0.5, 0.8)),
    ]);

    /// <summary>
    /// Probability that a person's further contact point of a channel (beyond the first) never answers: a number no
    /// longer in service, an abandoned mailbox. Drawn once per point. 0.3 by default.
    /// </summary>
    public double UnreachablePoint { get; init; } = 0.3;

    /// <summary>Probability that an unanswered call leaves a voicemail (the rest are no answer).</summary>
    public double Voicemail { get; init; } = 0.5;

    /// <summary>Probability that a conversation ends with a promise to pay.</summary>
    public double PromiseToPay { get; init; } = 0.4;

    /// <summary>How many days after the conversation the promised payment date is.</summary>
    public int PromiseDays { get; init; } = 5;

    /// <summary>Probability that a promise to pay is kept (paid on the promised date).</summary>
    public double PromiseKept { get; init; } = 0.6;

    /// <summary>Probability that a reached message or call without a promise is followed by a payment within three days.</summary>
    public double PaymentAfterContact { get; init; } = 0.04;

    /// <summary>Probability that a borrower calls back (an inbound conversation) within a day of a reached contact.</summary>
    public double InboundCallBack { get; init; } = 0.02;
}
