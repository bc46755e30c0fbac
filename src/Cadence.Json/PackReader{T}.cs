using System.Text.Json;

namespace Cadence.Json;

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
