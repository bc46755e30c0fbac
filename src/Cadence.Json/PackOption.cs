using System.Collections.Immutable;
using System.Text.Json;

namespace Cadence.Json;

/// <summary>The kinds of value a pack option takes.</summary>
internal static class PackOption
{
    /// <summary><see langword="true"/> or <see langword="false"/>.</summary>
    public static PackOption<T> Flag<T>(string name, Func<T, bool, T> set)
        => new(name, (r, e, p) => r.Boolean(e, p) is { } value ? (new PackSetting(p, []), o => set(o, value)) : null);

    /// <summary>A whole number, or <c>null</c> for none.</summary>
    public static PackOption<T> CountOrNone<T>(string name, Func<T, int?, T> set)
        => new(name, (r, e, p) => e.ValueKind == JsonValueKind.Null ? (new PackSetting(p, []), o => set(o, null))
            : r.Int(e, p) is { } value ? (new PackSetting(p, []), o => set(o, value))
            : null);

    /// <summary>A duration, <c>0:05:00</c>, or <c>null</c> for none.</summary>
    public static PackOption<T> DurationOrNone<T>(string name, Func<T, NodaTime.Duration?, T> set)
        => new(name, (r, e, p) => e.ValueKind == JsonValueKind.Null ? (new PackSetting(p, []), o => set(o, null))
            : r.Duration(e, p) is { } value ? (new PackSetting(p, []), o => set(o, value))
            : null);

    /// <summary>A range of local times, <c>{ "from": "09:00", "to": "20:00" }</c>.</summary>
    public static PackOption<T> Hours<T>(string name, Func<T, TimeRange, T> set)
        => new(name, (r, e, p) => r.Range(e, p) is { } value ? (new PackSetting(p, []), o => set(o, value)) : null);

    /// <summary>A list of step ids of the policy.</summary>
    public static PackOption<T> Steps<T>(string name, Func<T, ImmutableArray<string>, T> set)
        => new(name, (r, e, p) =>
        {
            var errors = r.Errors.Count;
            var steps = r.Array(e, p, r.String);
            return r.Errors.Count == errors ? (new PackSetting(p, steps), o => set(o, steps)) : null;
        });
}
