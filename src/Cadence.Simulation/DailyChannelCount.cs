using NodaTime;

namespace Cadence.Simulation;

/// <summary>The contacts made on one reporting day, on one channel, by one variant.</summary>
/// <param name="Date">The day, in the simulation's reporting zone.</param>
/// <param name="Variant">The experiment variant; <see langword="null"/> without an experiment.</param>
/// <param name="Channel">The channel; <see cref="Channel.None"/> for escalations.</param>
/// <param name="Contacts">How many outbound contacts were made.</param>
public sealed record DailyChannelCount(LocalDate Date, string? Variant, Channel Channel, int Contacts);
