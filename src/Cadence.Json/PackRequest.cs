using System.Collections.Immutable;

namespace Cadence.Json;

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
