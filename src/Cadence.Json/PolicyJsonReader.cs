using System.Collections.Immutable;
using System.Text.Json;
using Cadence.Jurisdictions;

namespace Cadence.Json;

/// <summary>Maps a policy file to a <see cref="CadencePolicy"/>, collecting every problem.</summary>
internal sealed class PolicyJsonReader
{
    internal static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = false, MaxDepth = 64 };

    private static readonly string[] TopLevel =
    [
        "$schema", "name", "defaultZone", "horizon", "selection", "packs", "holidays", "holidayFiles", "requiredHolidays",
        "limitedContentVoicemail", "consentRequired", "workplaceRestricted", "contactPointPreference", "steps", "windows", "caps", "cooldowns", "exhaustion", "holds",
    ];

    private readonly JsonElementReader r;
    private readonly PolicyJsonOptions options;
    private readonly Dictionary<string, List<int>> fileIndex = new(StringComparer.Ordinal);

    private PolicyJsonReader(JsonElementReader reader, PolicyJsonOptions options)
    {
        r = reader;
        this.options = options;
    }

    public static PolicyReadResult Read(ReadOnlySpan<byte> utf8, PolicyJsonOptions options)
    {
        if (!TryParse(utf8, out var document, out var syntaxError))
        {
            return new PolicyReadResult(null, [syntaxError!]);
        }

        using (document)
        {
            var locations = JsonLocations.Index(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            var reader = new PolicyJsonReader(new JsonElementReader(locations, options.ZoneProvider), options);
            var policy = reader.ReadPolicy(document!.RootElement);
            var errors = reader.r.Errors.OrderBy(e => e.Line ?? 0).ThenBy(e => e.Column ?? 0).ToImmutableArray();
            return new PolicyReadResult(errors.IsEmpty ? policy : null, errors);
        }
    }

    /// <summary>Parses JSON, turning a syntax error into a located problem; comments are skipped unless <paramref name="strict"/>.</summary>
    internal static bool TryParse(ReadOnlySpan<byte> utf8, out JsonDocument? document, out PolicyError? error, bool strict = false)
    {
        try
        {
            var comments = strict ? JsonCommentHandling.Disallow : DocumentOptions.CommentHandling;
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = comments, MaxDepth = DocumentOptions.MaxDepth });
            document = JsonDocument.ParseValue(ref reader);
            if (reader.Read())
            {
                var line = 1 + CountLines(utf8[..(int)reader.TokenStartIndex]);
                document.Dispose();
                document = null;
                error = PolicyError.AtPath("$", "unexpected text after the end of the JSON value") with { Line = line };
                return false;
            }

            error = null;
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            int? column = e.BytePositionInLine is { } position ? (int)position + 1 : null;
            var at = column is { } c ? JsonElementReader.Invariant($" at column {c}") : string.Empty;
            error = PolicyError.AtPath("$", $"the text is not valid JSON{at}: {WithoutPosition(e.Message)}") with
            {
                Line = e.LineNumber is { } line ? (int)line + 1 : null,
                Column = column,
            };
            return false;
        }

        static int CountLines(ReadOnlySpan<byte> bytes) => bytes.Count((byte)'\n');

        // The reader's message ends with where it stopped (0-based), which the error says 1-based.
        static string WithoutPosition(string message)
        {
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal) is var path and > 0 ? path : message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return cut > 0 ? message[..cut] : message;
        }
    }

    private CadencePolicy? ReadPolicy(JsonElement root)
    {
        if (r.Object(root, "$", TopLevel) is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String) ?? string.Empty;
        var builder = CadencePolicy.CreateBuilder(name).UseZoneProvider(options.ZoneProvider);
        if (o.Optional("defaultZone", r.String) is { } zone)
        {
            builder.WithDefaultZone(zone);
        }

        if (o.Optional("horizon", (e, p) => r.Duration(e, p)) is { } horizon)
        {
            builder.WithHorizon(horizon);
        }

        if (o.Optional("selection", (e, p) => r.Enum(e, p, JsonNames.SelectionOrders)) is { } order)
        {
            builder.WithSelectionOrder(order);
        }

        if (o.Optional("limitedContentVoicemail", r.Boolean) == true)
        {
            builder.UseLimitedContentVoicemail();
        }

        if (o.Optional("contactPointPreference", (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.ContactPointKinds))) is { IsDefault: false } preference)
        {
            builder.WithContactPointPreference(preference);
        }

        builder.RequireConsent([.. Channels(o, "consentRequired")]);
        builder.RestrictWorkplace([.. Channels(o, "workplaceRestricted")]);
        foreach (var region in o.Optional("requiredHolidays", (e, p) => r.Array(e, p, r.String)) is { IsDefault: false } regions ? regions : [])
        {
            builder.RequireHolidays(region);
        }

        var holidays = ReadHolidays(o);
        if (holidays is not null)
        {
            builder.WithHolidays(holidays);
        }

        Section(o, "steps", ReadStep, s => builder.AddStep(s));
        Section(o, "windows", ReadWindow, w => builder.AddWindow(w));
        Section(o, "caps", ReadCap, c => builder.AddCap(c));
        Section(o, "cooldowns", ReadCooldown, c => builder.AddCooldown(c));
        Section(o, "exhaustion", ReadExhaustion, e => builder.AddExhaustion(e));
        Section(o, "holds", ReadHoldRule, h => builder.AddHoldRule(h));

        var packs = BuildPacks(o, holidays ?? HolidayCalendar.Empty);

        CadencePolicy own;
        try
        {
            own = builder.Build();
        }
        catch (PolicyValidationException e)
        {
            // Every problem the builder found, several at one path included; none at a path where reading the file
            // already found one (the builder then saw a default, not what the file says).
            var read = r.Errors.Select(error => error.Path).ToList();
            foreach (var error in e.Errors)
            {
                var path = ToJsonPath(error);
                if (!read.Exists(p => JsonElementReader.IsAtOrUnder(path, p)))
                {
                    r.Error(path, error.Message);
                }
            }

            return null;
        }

        if (r.Errors.Count > 0)
        {
            return null;
        }

        if (packs.Count == 0)
        {
            return own;
        }

        try
        {
            return CadencePolicy.Compose(name, [own, .. packs.Select(p => p.Policy)]);
        }
        catch (PolicyValidationException e)
        {
            var holdRanges = new List<(PackRequest Request, int First, int Count)>();
            var first = own.HoldRules.Length;
            foreach (var (request, pack) in packs)
            {
                holdRanges.Add((request, first, pack.HoldRules.Length));
                first += pack.HoldRules.Length;
            }

            foreach (var error in e.Errors)
            {
                if (StepNamedByPackOption(error, holdRanges) is { } path)
                {
                    if (!r.HasErrorsAt(path))
                    {
                        r.Error(path, error.Message);
                    }
                }
                else
                {
                    r.Error("packs", $"composing the policy with its packs: {error}");
                }
            }

            return null;
        }
    }

    /// <summary>Reads <c>packs</c> and builds each pack with the options the file sets, reporting every problem at the pack or option it is about.</summary>
    private List<(PackRequest Request, CadencePolicy Policy)> BuildPacks(JsonObject o, IHolidayCalendar holidays)
    {
        var built = new List<(PackRequest, CadencePolicy)>();
        if (o.Element("packs") is not { } list)
        {
            return built;
        }

        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (named, _) in r.IndexedArray(list, "packs", ReadPack))
        {
            if (seen.TryGetValue(named.Id, out var earlier))
            {
                r.Error(named.Path, $"the pack '{named.Id}' is already named at {earlier}");
                continue;
            }

            seen.Add(named.Id, named.Path);
            if (PackReader.For(named.Id).Read(r, named.Path, named.Options) is { } request && BuildPack(request, holidays) is { } pack)
            {
                built.Add((request, named.Regions.IsDefaultOrEmpty ? pack : pack.LimitToRegions(named.Regions)));
            }
        }

        return built;
    }

    /// <summary>A pack's id (its defaults) or <c>{ "id": ..., "options": { ... } }</c>: the id, checked, and the options object, not yet read.</summary>
    private NamedPack? ReadPack(JsonElement element, string path)
    {
        string? id;
        string idPath;
        JsonElement? options = null;
        ImmutableArray<string> regions = default;
        if (element.ValueKind == JsonValueKind.String)
        {
            id = r.String(element, path);
            idPath = path;
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            var o = r.Object(element, path, "id", "options", "regions")!;
            id = o.Required("id", r.String);
            idPath = o.PathOf("id");
            options = o.Element("options");
            regions = o.Optional("regions", ReadRegions);
        }
        else
        {
            r.Error(path, $"expected a pack id or an object with 'id' and 'options', found {JsonElementReader.Describe(element)}");
            return null;
        }

        if (id is null)
        {
            return null;
        }

        if (!JurisdictionPacks.Ids.Contains(id, StringComparer.Ordinal))
        {
            r.Error(idPath, $"'{id}' is not a built-in jurisdiction pack; the packs are {string.Join(", ", JurisdictionPacks.Ids)}");
            return null;
        }

        return new NamedPack(id, path, options, regions);
    }

    /// <summary>Regions a pack or a rule is limited to: ISO 3166 codes or subdivisions (<c>US</c>, <c>US-MA</c>), at least one.</summary>
    private ImmutableArray<string> ReadRegions(JsonElement element, string path)
    {
        var regions = r.Array(element, path, r.String);
        if (element.ValueKind == JsonValueKind.Array && element.GetArrayLength() == 0)
        {
            r.Error(path, "name at least one region, or leave the property out");
        }

        for (var i = 0; i < (regions.IsDefault ? 0 : regions.Length); i++)
        {
            if (string.IsNullOrWhiteSpace(regions[i]))
            {
                r.Error(JsonLocations.Item(path, i), "a region is an ISO 3166 code such as US or a subdivision such as US-MA");
            }
        }

        return regions;
    }

    /// <summary>Where a rule comes from: <c>{ "pack", "citation", "mark", "regions" }</c>.</summary>
    private RuleSource? ReadSource(JsonElement element, string path)
    {
        if (r.Object(element, path, "pack", "citation", "mark", "regions") is not { } o)
        {
            return null;
        }

        var pack = o.Required("pack", r.String);
        var citation = o.Optional("citation", r.String) ?? string.Empty;
        var mark = o.Optional("mark", r.String);
        var regions = o.Optional("regions", ReadRegions);
        SourceConfidence? confidence = mark switch
        {
            null or "[V]" => SourceConfidence.Verified,
            "[U]" => SourceConfidence.Unverified,
            "[D]" => SourceConfidence.Default,
            _ => null,
        };
        if (confidence is null)
        {
            r.Error(o.PathOf("mark"), $"'{mark}' is not a mark: write [V] (read in the source), [U] (widely stated, unverified) or [D] (a default)");
            return null;
        }

        return pack is null ? null : new RuleSource(pack, citation, confidence.Value) { Regions = regions };
    }

    /// <summary>
    /// Builds a pack with its factory. When the factory rejects it, each problem is reported at the option that
    /// causes it: the pack is built again with that option alone, and a problem the defaults do not have but that
    /// option alone has is that option's. Problems the defaults have too (230-FZ without holidays) are the pack's.
    /// </summary>
    private CadencePolicy? BuildPack(PackRequest request, IHolidayCalendar holidays)
    {
        List<PolicyError> errors;
        try
        {
            return request.Build(holidays);
        }
        catch (PolicyValidationException e)
        {
            errors = [.. e.Errors];
        }

        var withDefaults = ErrorsBuilding(request, [], holidays);
        var explained = new HashSet<PolicyError>();
        foreach (var setting in request.Settings)
        {
            foreach (var error in ErrorsBuilding(request, [setting], holidays).Except(withDefaults))
            {
                if (explained.Add(error))
                {
                    r.Error(setting.Path, error.Message);
                }
            }
        }

        foreach (var error in errors.Where(e => !explained.Contains(e)))
        {
            if (withDefaults.Contains(error) && error.Section == "holidays")
            {
                r.Error(request.Path, $"the pack '{request.Id}' needs a holiday calendar: add one under 'holidays' or 'holidayFiles' ({error.Message})");
            }
            else if (withDefaults.Contains(error))
            {
                r.Error(request.Path, $"the pack '{request.Id}' cannot be built: {error}");
            }
            else
            {
                r.Error(request.OptionsPath, $"the pack '{request.Id}' cannot be built with these options: {error}");
            }
        }

        return null;

        static HashSet<PolicyError> ErrorsBuilding(PackRequest request, IEnumerable<PackSetting> settings, IHolidayCalendar holidays)
        {
            try
            {
                request.Build(settings, holidays);
                return [];
            }
            catch (PolicyValidationException e)
            {
                return [.. e.Errors];
            }
        }
    }

    /// <summary>
    /// The path of the step id in a pack's options that a composing error is about: a hold rule of that pack
    /// (<c>holds[7] ('reg-f-cease-communication')</c>) names a step the policy does not have, the id the option lists.
    /// </summary>
    private static string? StepNamedByPackOption(PolicyError error, List<(PackRequest Request, int First, int Count)> holdRanges)
    {
        if (error is not { Section: "holds", Index: { } hold })
        {
            return null;
        }

        foreach (var (request, first, count) in holdRanges)
        {
            if (hold < first || hold >= first + count)
            {
                continue;
            }

            foreach (var setting in request.Settings)
            {
                for (var i = 0; i < setting.Steps.Length; i++)
                {
                    if (error.Message.Contains($"'{setting.Steps[i]}'", StringComparison.Ordinal))
                    {
                        return JsonLocations.Item(setting.Path, i);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>The largest holiday file read: a calendar of every day for decades is far smaller.</summary>
    internal const int MaxHolidayFileBytes = 1 << 20;

    /// <summary>
    /// The bytes of a holiday file the policy names: a relative path inside the policy's folder (no absolute path, no
    /// way out with <c>..</c> or a link), a regular file of at most <see cref="MaxHolidayFileBytes"/>; otherwise the
    /// problem, which never shows what another file holds.
    /// </summary>
    private byte[]? HolidayFile(string file, string path)
    {
        if (options.HolidayFiles is { } given)
        {
            if (!given.TryGetValue(file, out var text))
            {
                r.Error(path, $"the holiday file '{file}' is not among the holiday files given");
                return null;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            if (bytes.Length > MaxHolidayFileBytes)
            {
                r.Error(path, JsonElementReader.Invariant($"the holiday file '{file}' is larger than {MaxHolidayFileBytes / 1024} KiB"));
                return null;
            }

            return bytes;
        }

        var folder = Path.GetFullPath(options.BaseDirectory ?? Directory.GetCurrentDirectory());
        var inside = folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(Path.Combine(folder, file));
        if (Path.IsPathRooted(file) || !full.StartsWith(inside, StringComparison.Ordinal))
        {
            r.Error(path, $"the holiday file '{file}' is not inside the policy's folder: name a file beside the policy or below it");
            return null;
        }

        var info = new FileInfo(full);
        if (!info.Exists)
        {
            r.Error(path, $"the holiday file '{file}' does not exist in the policy's folder");
            return null;
        }

        if (info.LinkTarget is not null || (info.Attributes & (FileAttributes.Device | FileAttributes.ReparsePoint)) != 0 || ThroughALink(info.Directory, folder))
        {
            r.Error(path, $"the holiday file '{file}' is not a regular file");
            return null;
        }

        if (info.Length > MaxHolidayFileBytes)
        {
            r.Error(path, JsonElementReader.Invariant($"the holiday file '{file}' is larger than {MaxHolidayFileBytes / 1024} KiB"));
            return null;
        }

        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read);
            var buffer = new byte[MaxHolidayFileBytes + 1];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (read > MaxHolidayFileBytes)
            {
                r.Error(path, JsonElementReader.Invariant($"the holiday file '{file}' is larger than {MaxHolidayFileBytes / 1024} KiB"));
                return null;
            }

            return buffer[..read];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            r.Error(path, $"the holiday file '{file}' cannot be read");
            return null;
        }
    }

    /// <summary>Whether a folder between the policy's folder and the file is a link (which could lead anywhere).</summary>
    private static bool ThroughALink(DirectoryInfo? directory, string folder)
    {
        for (var d = directory; d is not null && d.FullName.Length > folder.TrimEnd(Path.DirectorySeparatorChar).Length; d = d.Parent)
        {
            if (d.LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private IHolidayCalendar? ReadHolidays(JsonObject o)
    {
        var calendars = new List<IHolidayCalendar>();
        if (o.Element("holidays") is { } inline)
        {
            calendars.AddRange(r.Array(inline, "holidays", (e, p) => HolidayCalendarJson.ReadCalendar(r, e, p)));
        }

        if (o.Element("holidayFiles") is { } files)
        {
            foreach (var (file, index) in r.IndexedArray(files, "holidayFiles", (e, p) => r.String(e, p)))
            {
                var path = JsonLocations.Item("holidayFiles", index);
                if (HolidayFile(file, path) is not { } bytes)
                {
                    continue;
                }

                var result = HolidayCalendarJson.Read(bytes);
                if (result.Calendar is { } calendar)
                {
                    calendars.Add(calendar);
                }

                foreach (var error in result.Errors)
                {
                    r.Error(path, $"in {file}: {error}");
                }
            }
        }

        if (options.Holidays is { } host)
        {
            calendars.Add(host);
        }

        return calendars.Count == 0 ? null : HolidayCalendar.Combine(calendars);
    }

    private void Section<T>(JsonObject o, string name, Func<JsonElement, string, T?> read, Action<T> add)
        where T : class
    {
        var indices = new List<int>();
        fileIndex[name] = indices;
        if (o.Element(name) is not { } array)
        {
            return;
        }

        foreach (var (item, index) in r.IndexedArray(array, name, read))
        {
            indices.Add(index);
            add(item);
        }
    }

    /// <summary>The file's JSON path of a problem the builder found, from its structured location.</summary>
    private string ToJsonPath(PolicyError error)
    {
        var path = error.Section;
        if (error.Index is { } i && fileIndex.TryGetValue(error.Section, out var indices) && i < indices.Count)
        {
            path = JsonLocations.Item(error.Section, indices[i]);
        }

        return error.Member is { } member ? path + "." + member : path;
    }

    private ImmutableArray<Channel> Channels(JsonObject o, string name)
        => o.Optional(name, (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.ContactChannels))) is { IsDefault: false } channels ? channels : [];

    private CadenceStep? ReadStep(JsonElement element, string path)
    {
        if (r.Object(element, path, "id", "channel", "escalation", "template", "window", "priority", "repeatInterval", "maxAttempts", "bundle", "conditions") is not { } o)
        {
            return null;
        }

        var id = o.Required("id", r.String);
        var channel = o.Optional("channel", (e, p) => r.Enum(e, p, JsonNames.ContactChannels));
        var escalation = o.Optional("escalation", r.String);
        var template = o.Optional("template", r.String);
        var window = o.Required("window", ReadStepWindow);
        if (o.Has("channel") == o.Has("escalation"))
        {
            r.Error(path, "a step has either a 'channel' (a contact) or an 'escalation' kind, and not both");
            return null;
        }

        if (o.Has("channel") && !o.Has("template"))
        {
            r.Error(path, "required property 'template' is missing");
        }

        var step = escalation is not null && window is { } ew
            ? CadenceStep.Escalation(id ?? string.Empty, escalation, ew.From, ew.To) with { Template = template ?? escalation }
            : channel is { } c && window is { } cw && template is not null
                ? CadenceStep.Contact(id ?? string.Empty, c, template, cw.From, cw.To)
                : null;
        if (step is null || id is null)
        {
            return null;
        }

        return step with
        {
            Priority = o.Optional("priority", (e, p) => r.Int(e, p)) ?? 0,
            RepeatInterval = o.Element("repeatInterval") is { ValueKind: not JsonValueKind.Object } ? o.Optional("repeatInterval", (e, p) => r.Duration(e, p)) : null,
            RepeatCalendarDays = o.Element("repeatInterval") is { ValueKind: JsonValueKind.Object } ? o.Optional("repeatInterval", ReadCalendarDays) : null,
            MaxAttempts = o.Optional("maxAttempts", (e, p) => r.Int(e, p)),
            Bundle = o.Optional("bundle", r.Boolean) ?? false,
            Conditions = o.Optional("conditions", (e, p) => r.Array(e, p, ReadCondition)),
        };
    }

    /// <summary>A step's window: <c>from</c>, and <c>to</c> unless the window is open-ended.</summary>
    private (int From, int? To)? ReadStepWindow(JsonElement element, string path)
    {
        if (r.Object(element, path, "from", "to") is not { } o)
        {
            return null;
        }

        var from = o.Required("from", (e, p) => r.Int(e, p));
        var to = o.Optional("to", (e, p) => r.Int(e, p));
        return from is { } f && (to is not null || !o.Has("to")) ? (f, to) : null;
    }

    private (int From, int To)? ReadDayRange(JsonElement element, string path)
    {
        if (r.Object(element, path, "from", "to") is not { } o)
        {
            return null;
        }

        var from = o.Required("from", (e, p) => r.Int(e, p));
        var to = o.Required("to", (e, p) => r.Int(e, p));
        return from is { } f && to is { } t ? (f, t) : null;
    }

    /// <summary>A repeat counted in local calendar days: <c>{"calendarDays": 1}</c>.</summary>
    private int? ReadCalendarDays(JsonElement element, string path)
        => r.Object(element, path, "calendarDays") is { } o ? o.Required("calendarDays", (e, p) => r.Int(e, p)) : null;

    private StepCondition? ReadCondition(JsonElement element, string path)
    {
        string[] kinds = ["hasTag", "lacksTag", "amountAtLeast", "amountBelow", "autopay", "holdActive", "noHoldActive", "daysFromDue"];
        if (r.Object(element, path, kinds) is not { } o)
        {
            return null;
        }

        var given = kinds.Where(o.Has).ToList();
        if (given.Count != 1)
        {
            r.Error(path, $"a condition has exactly one of {string.Join(", ", kinds)}");
            return null;
        }

        return given[0] switch
        {
            "hasTag" => o.Required("hasTag", r.String) is { } tag ? StepCondition.HasTag(tag) : null,
            "lacksTag" => o.Required("lacksTag", r.String) is { } tag ? StepCondition.LacksTag(tag) : null,
            "amountAtLeast" => o.Required("amountAtLeast", (e, p) => r.Decimal(e, p)) is { } amount ? StepCondition.AmountAtLeast(amount) : null,
            "amountBelow" => o.Required("amountBelow", (e, p) => r.Decimal(e, p)) is { } amount ? StepCondition.AmountBelow(amount) : null,
            "autopay" => o.Required("autopay", (e, p) => r.Boolean(e, p)) is { } on ? StepCondition.Autopay(on) : null,
            "holdActive" => o.Required("holdActive", r.String) is { } kind ? StepCondition.HoldActive(new HoldKind(kind)) : null,
            "noHoldActive" => o.Required("noHoldActive", r.String) is { } kind ? StepCondition.NoHoldActive(new HoldKind(kind)) : null,
            _ => o.Required("daysFromDue", ReadDayRange) is { } days ? StepCondition.DaysFromDueBetween(days.From, days.To) : null,
        };
    }

    private ContactWindow? ReadWindow(JsonElement element, string path)
    {
        if (r.Object(element, path, "name", "days", "channels", "ranges", "source") is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        var days = o.Required("days", (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.Days)));
        var ranges = o.Required("ranges", (e, p) => r.Values(e, p, r.Range));
        var channels = Channels(o, "channels");
        if (name is null || !o.Has("days") || !o.Has("ranges") || r.HasErrorsAt(path))
        {
            return null;
        }

        return new ContactWindow(name, days.Aggregate(DayKinds.None, (a, d) => a | d), ranges, channels) { Source = o.Optional("source", ReadSource) };
    }

    private FrequencyCap? ReadCap(JsonElement element, string path)
    {
        if (r.Object(element, path, "name", "limit", "period", "counts", "scope", "contactPointKinds", "source") is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        var limit = o.Required("limit", (e, p) => r.Int(e, p));
        var period = o.Required("period", ReadPeriod);
        var counts = o.Required("counts", ReadFilter);
        var scope = o.Optional("scope", (e, p) => r.Enum(e, p, JsonNames.Scopes));
        var kinds = o.Optional("contactPointKinds", (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.ContactPointKinds)));
        var source = o.Optional("source", ReadSource);
        if (name is null || limit is not { } l || period is null || counts is null || r.HasErrorsAt(o.PathOf("scope")) || r.HasErrorsAt(o.PathOf("contactPointKinds")))
        {
            return null;
        }

        return new FrequencyCap(name, l, period, counts) { Scope = scope ?? RuleScope.Person, ContactPointKinds = kinds, Source = source };
    }

    private CapPeriod? ReadPeriod(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            switch (element.GetString())
            {
                case "calendarDay":
                    return CapPeriod.CalendarDay;
                case "calendarWeek":
                    return CapPeriod.CalendarWeek;
                case "calendarMonth":
                    return CapPeriod.CalendarMonth;
                default:
                    r.Error(path, $"'{element.GetString()}' is not a period: write calendarDay, calendarWeek, calendarMonth, {{\"slidingDays\": 7}} or {{\"rolling\": \"24:00:00\"}}");
                    return null;
            }
        }

        if (r.Object(element, path, "slidingDays", "rolling") is not { } o)
        {
            return null;
        }

        if (o.Has("slidingDays") == o.Has("rolling"))
        {
            r.Error(path, "a period object has exactly one of slidingDays, rolling");
            return null;
        }

        return o.Has("slidingDays")
            ? o.Required("slidingDays", (e, p) => r.Int(e, p)) is { } days ? CapPeriod.SlidingDays(days) : null
            : o.Required("rolling", (e, p) => r.Duration(e, p)) is { } length ? CapPeriod.Rolling(length) : null;
    }

    private AttemptFilter? ReadFilter(JsonElement element, string path)
    {
        if (r.Object(element, path, "channels", "directions", "outcomes") is not { } o)
        {
            return null;
        }

        var channels = Channels(o, "channels");
        var directions = o.Required("directions", (e, p) => r.Enum(e, p, JsonNames.DirectionFilters));
        var outcomes = o.Optional("outcomes", (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.Outcomes)));
        return directions is { } d ? new AttemptFilter(channels, d, outcomes) : null;
    }

    private Cooldown? ReadCooldown(JsonElement element, string path)
    {
        if (r.Object(element, path, "name", "trigger", "blocks", "length", "scope", "source") is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        var trigger = o.Required("trigger", ReadFilter);
        var blocks = Channels(o, "blocks");
        var length = o.Required("length", ReadCooldownLength);
        var scope = o.Optional("scope", (e, p) => r.Enum(e, p, JsonNames.Scopes));
        return name is not null && trigger is not null && length is not null && !r.HasErrorsAt(o.PathOf("scope"))
            ? new Cooldown(name, trigger, blocks, length) { Scope = scope ?? RuleScope.Person, Source = o.Optional("source", ReadSource) }
            : null;
    }

    private CooldownLength? ReadCooldownLength(JsonElement element, string path)
    {
        if (r.Object(element, path, "calendarDays", "duration") is not { } o)
        {
            return null;
        }

        if (o.Has("calendarDays") == o.Has("duration"))
        {
            r.Error(path, "a cooldown length has exactly one of calendarDays, duration");
            return null;
        }

        return o.Has("calendarDays")
            ? o.Required("calendarDays", (e, p) => r.Int(e, p)) is { } days ? CooldownLength.CalendarDays(days) : null
            : o.Required("duration", (e, p) => r.Duration(e, p)) is { } d ? CooldownLength.Of(d) : null;
    }

    private ExhaustionRule? ReadExhaustion(JsonElement element, string path)
    {
        if (r.Object(element, path, "name", "consecutiveFailures", "channels", "failureOutcomes", "source") is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        var failures = o.Required("consecutiveFailures", (e, p) => r.Int(e, p));
        var channels = Channels(o, "channels");
        var outcomes = o.Has("failureOutcomes")
            ? o.Optional("failureOutcomes", (e, p) => r.Values(e, p, (x, xp) => r.Enum(x, xp, JsonNames.Outcomes)))
            : ExhaustionRule.DefaultFailureOutcomes;
        var source = o.Optional("source", ReadSource);
        return name is not null && failures is { } f ? new ExhaustionRule(name, f, channels, outcomes) { Source = source } : null;
    }

    private HoldRule? ReadHoldRule(JsonElement element, string path)
    {
        if (r.Object(element, path, "name", "kind", "blocksAllSteps", "exceptSteps", "blockedChannels", "blockedSteps", "graceDays", "source") is not { } o)
        {
            return null;
        }

        var name = o.Required("name", r.String);
        var kind = o.Required("kind", r.String);
        if (name is null || kind is null)
        {
            return null;
        }

        return new HoldRule(name, new HoldKind(kind))
        {
            BlocksAllSteps = o.Optional("blocksAllSteps", r.Boolean) ?? false,
            ExceptSteps = o.Optional("exceptSteps", (e, p) => r.Array(e, p, r.String)),
            BlockedChannels = Channels(o, "blockedChannels"),
            BlockedSteps = o.Optional("blockedSteps", (e, p) => r.Array(e, p, r.String)),
            GraceDaysAfterPromisedDate = o.Optional("graceDays", (e, p) => r.Int(e, p)),
            Source = o.Optional("source", ReadSource),
        };
    }

    /// <summary>A pack the file names: its id, where, and its options object if it gives one.</summary>
    private sealed record NamedPack(string Id, string Path, JsonElement? Options, ImmutableArray<string> Regions);
}
