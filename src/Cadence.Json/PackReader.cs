using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Cadence.Jurisdictions;

namespace Cadence.Json;

/// <summary>
/// How a policy file names a built-in jurisdiction pack: its id, or <c>{ "id": ..., "options": { ... } }</c> setting
/// the options the pack has in code. One entry per pack maps its id to the reader of its options and to the public
/// factory of <see cref="JurisdictionPacks"/> that builds it, so no figure of a law is repeated here.
/// </summary>
internal abstract class PackReader
{
    private protected PackReader(string id, ImmutableArray<string> optionNames)
    {
        Id = id;
        OptionNames = optionNames;
    }

    /// <summary>The reader of each built-in pack, by id.</summary>
    public static FrozenDictionary<string, PackReader> ById { get; } = new PackReader[]
    {
        new PackReader<RegulationFOptions>(
            JurisdictionPacks.UsRegulationFId,
            new RegulationFOptions(),
            (options, _) => JurisdictionPacks.UsRegulationF(options),
            PackOption.Flag<RegulationFOptions>("excludeUnconnectedCalls", (o, v) => o with { ExcludeUnconnectedCalls = v }),
            PackOption.DurationOrNone<RegulationFOptions>("minimumGapBetweenCalls", (o, v) => o with { MinimumGapBetweenCalls = v }),
            PackOption.CountOrNone<RegulationFOptions>("textsPerDay", (o, v) => o with { TextsPerDay = v }),
            PackOption.CountOrNone<RegulationFOptions>("emailsPerDay", (o, v) => o with { EmailsPerDay = v }),
            PackOption.Flag<RegulationFOptions>("requireTextConsent", (o, v) => o with { RequireTextConsent = v }),
            PackOption.Steps<RegulationFOptions>("ceaseAcknowledgementSteps", (o, v) => o with { CeaseAcknowledgementSteps = v })),
        new PackReader<Unit>(JurisdictionPacks.UsMassachusettsId, default, (_, _) => JurisdictionPacks.UsMassachusetts()),
        new PackReader<Russia230FzOptions>(
            JurisdictionPacks.Russia230FzId,
            new Russia230FzOptions(),
            (options, holidays) => JurisdictionPacks.Russia230Fz(holidays, options),
            PackOption.Flag<Russia230FzOptions>("countAllPlacedCalls", (o, v) => o with { CountAllPlacedCalls = v }),
            PackOption.Steps<Russia230FzOptions>("stepsAllowedDuringBans", (o, v) => o with { StepsAllowedDuringBans = v })),
        new PackReader<Unit>(JurisdictionPacks.ChinaId, default, (_, _) => JurisdictionPacks.China()),
        new PackReader<TimeRange?>(
            JurisdictionPacks.UnitedKingdomId,
            null,
            (reasonableHours, _) => JurisdictionPacks.UnitedKingdom(reasonableHours),
            PackOption.Hours<TimeRange?>("reasonableHours", (_, v) => v)),
    }.ToFrozenDictionary(p => p.Id, StringComparer.Ordinal);

    /// <summary>The pack's id.</summary>
    public string Id { get; }

    /// <summary>The properties its options object may have; empty when the pack has no options.</summary>
    public ImmutableArray<string> OptionNames { get; }

    /// <summary>The reader of the pack with <paramref name="id"/>, one of <see cref="JurisdictionPacks.Ids"/>.</summary>
    public static PackReader For(string id)
        => ById.TryGetValue(id, out var reader) ? reader : new PackReader<Unit>(id, default, (_, holidays) => JurisdictionPacks.Create(id, holidays));

    /// <summary>Reads the pack's options object (none when <paramref name="options"/> is <see langword="null"/>), reporting every problem.</summary>
    /// <param name="r">The reader problems are reported to.</param>
    /// <param name="path">The pack's path, <c>packs[1]</c>.</param>
    /// <param name="options">The options object, if the file gives one.</param>
    /// <returns>The pack to build, or <see langword="null"/> when the options have problems.</returns>
    public abstract PackRequest? Read(JsonElementReader r, string path, JsonElement? options);

    /// <summary>The options type of a pack that has none.</summary>
    private protected readonly record struct Unit;
}

/// <summary>A pack whose options, of type <typeparamref name="T"/>, are passed to its factory.</summary>
internal sealed class PackReader<T> : PackReader
{
    private readonly T defaults;
    private readonly Func<T, IHolidayCalendar, CadencePolicy> factory;
    private readonly PackOption<T>[] options;

    public PackReader(string id, T defaults, Func<T, IHolidayCalendar, CadencePolicy> factory, params PackOption<T>[] options)
        : base(id, [.. options.Select(o => o.Name)])
    {
        this.defaults = defaults;
        this.factory = factory;
        this.options = options;
    }

    public override PackRequest? Read(JsonElementReader r, string path, JsonElement? element)
    {
        var optionsPath = JsonLocations.Property(path, "options");
        if (element is not { } given)
        {
            return new Request(this, path, optionsPath, []);
        }

        if (options.Length == 0)
        {
            r.Error(optionsPath, $"the pack '{Id}' has no options");
            return null;
        }

        var errors = r.Errors.Count;
        if (r.Object(given, optionsPath, [.. OptionNames]) is not { } o)
        {
            return null;
        }

        var settings = new List<(PackSetting, Func<T, T>)>();
        foreach (var option in options)
        {
            if (o.TryGet(option.Name, out var value) && option.Read(r, value, o.PathOf(option.Name)) is { } setting)
            {
                settings.Add(setting);
            }
        }

        return r.Errors.Count == errors ? new Request(this, path, optionsPath, settings) : null;
    }

    private sealed class Request(PackReader<T> pack, string path, string optionsPath, List<(PackSetting Setting, Func<T, T> Apply)> settings)
        : PackRequest(pack.Id, path, optionsPath, [.. settings.Select(s => s.Setting)])
    {
        public override CadencePolicy Build(IEnumerable<PackSetting> only, IHolidayCalendar holidays)
        {
            var chosen = only.ToHashSet();
            var options = settings.Where(s => chosen.Contains(s.Setting)).Aggregate(pack.defaults, (o, s) => s.Apply(o));
            return pack.factory(options, holidays);
        }
    }
}

/// <summary>A pack the file names, with the options it sets, ready to build.</summary>
/// <param name="id">The pack's id.</param>
/// <param name="path">Where the file names it, <c>packs[1]</c>.</param>
/// <param name="optionsPath">Where its options are, <c>packs[1].options</c>.</param>
/// <param name="settings">The options the file sets, in the order the pack lists them.</param>
internal abstract class PackRequest(string id, string path, string optionsPath, ImmutableArray<PackSetting> settings)
{
    /// <summary>The pack's id.</summary>
    public string Id => id;

    /// <summary>Where the file names it, <c>packs[1]</c>.</summary>
    public string Path => path;

    /// <summary>Where its options are, <c>packs[1].options</c>.</summary>
    public string OptionsPath => optionsPath;

    /// <summary>The options the file sets, in the order the pack lists them.</summary>
    public ImmutableArray<PackSetting> Settings => settings;

    /// <summary>Builds the pack with <paramref name="only"/> of its <see cref="Settings"/>, the others left at their defaults.</summary>
    /// <exception cref="PolicyValidationException">The pack's factory rejects the options or the holidays.</exception>
    public abstract CadencePolicy Build(IEnumerable<PackSetting> only, IHolidayCalendar holidays);

    /// <summary>Builds the pack with every option the file sets.</summary>
    public CadencePolicy Build(IHolidayCalendar holidays) => Build(Settings, holidays);
}

/// <summary>One option a file sets.</summary>
/// <param name="Path">Its path, <c>packs[1].options.textsPerDay</c>.</param>
/// <param name="Steps">For an option that lists step ids: those ids, in file order; otherwise empty.</param>
internal sealed record PackSetting(string Path, ImmutableArray<string> Steps);

/// <summary>One property of a pack's options object and how it changes the options.</summary>
/// <param name="Name">The property, <c>textsPerDay</c>.</param>
/// <param name="Read">Reads its value (reporting a problem and giving <see langword="null"/> when there is one).</param>
internal sealed record PackOption<T>(string Name, Func<JsonElementReader, JsonElement, string, (PackSetting Setting, Func<T, T> Apply)?> Read);

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
