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
            PackOption.CountOrNone<RegulationFOptions>("callsPerPersonIn7Days", (o, v) => o with { CallsPerPersonIn7Days = v }),
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
