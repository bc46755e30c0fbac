using System.Collections.Frozen;
using System.Text.Json;

namespace Cadence.Json;

/// <summary>The camelCase names this format gives enum values, e.g. <c>noAnswer</c>.</summary>
internal static class JsonNames
{
    public static readonly FrozenDictionary<string, Channel> ContactChannels = Of<Channel>(except: Channel.None);
    public static readonly FrozenDictionary<string, Channel> Channels = Of<Channel>();
    public static readonly FrozenDictionary<string, ContactDirection> Directions = Of<ContactDirection>();
    public static readonly FrozenDictionary<string, ContactOutcome> Outcomes = Of<ContactOutcome>();
    public static readonly FrozenDictionary<string, ContactPointKind> ContactPointKinds = Of<ContactPointKind>();
    public static readonly FrozenDictionary<string, RuleScope> Scopes = Of<RuleScope>();
    public static readonly FrozenDictionary<string, SelectionOrder> SelectionOrders = Of<SelectionOrder>();
    public static readonly FrozenDictionary<string, DecisionKind> DecisionKinds = Of<DecisionKind>();
    public static readonly FrozenDictionary<string, Cadence.Explanations.ReasonCode> ReasonCodes = Of<Cadence.Explanations.ReasonCode>();
    public static readonly FrozenDictionary<string, Cadence.Explanations.CandidateStatus> CandidateStatuses = Of<Cadence.Explanations.CandidateStatus>();

    public static readonly FrozenDictionary<string, DirectionFilter> DirectionFilters = new Dictionary<string, DirectionFilter>(StringComparer.Ordinal)
    {
        ["outbound"] = DirectionFilter.Outbound,
        ["inbound"] = DirectionFilter.Inbound,
        ["any"] = DirectionFilter.Any,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, DayKinds> Days = new Dictionary<string, DayKinds>(StringComparer.Ordinal)
    {
        ["weekday"] = DayKinds.Weekday,
        ["saturday"] = DayKinds.Saturday,
        ["sunday"] = DayKinds.Sunday,
        ["holiday"] = DayKinds.Holiday,
        ["weekend"] = DayKinds.Weekend,
        ["all"] = DayKinds.All,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The value's name, e.g. <c>noAnswer</c>; made once per value of the type.</summary>
    public static string Name<T>(T value)
        where T : struct, Enum
        => NameCache<T>.Names.TryGetValue(value, out var name) ? name : Convert(value);

    /// <summary>The value's name as JSON text, escaped once per value of the type: written without being checked again.</summary>
    public static JsonEncodedText Encoded<T>(T value)
        where T : struct, Enum
        => NameCache<T>.Encoded.TryGetValue(value, out var name) ? name : JsonEncodedText.Encode(Convert(value));

    private static string Convert<T>(T value)
        where T : struct, Enum
        => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static FrozenDictionary<string, T> Of<T>(T? except = null)
        where T : struct, Enum
        => System.Enum.GetValues<T>()
            .Where(v => except is null || !v.Equals(except.Value))
            .ToFrozenDictionary(Name, StringComparer.Ordinal);

    /// <summary>The names of <typeparamref name="T"/>'s declared values.</summary>
    private static class NameCache<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> Names = System.Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, Convert);

        public static readonly FrozenDictionary<T, JsonEncodedText> Encoded = Names.ToFrozenDictionary(p => p.Key, p => JsonEncodedText.Encode(p.Value));
    }
}
