namespace Cadence;

/// <summary>
/// At most <see cref="Limit"/> attempts matched by <see cref="Counts"/> within <see cref="Period"/>. A cap restricts
/// the outbound channels it counts. Attempts booked after the evaluation instant count too.
/// </summary>
/// <param name="Name">The cap's name, used in explanations.</param>
/// <param name="Limit">The maximum number of counted attempts, at least 1.</param>
/// <param name="Period">The window attempts are counted in.</param>
/// <param name="Counts">Which attempts are counted.</param>
public sealed record FrequencyCap(string Name, int Limit, CapPeriod Period, AttemptFilter Counts);
