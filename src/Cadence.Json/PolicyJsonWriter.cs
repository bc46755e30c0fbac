using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;

namespace Cadence.Json;

/// <summary>Writes a <see cref="CadencePolicy"/> in the policy file format, every rule spelled out.</summary>
internal static class PolicyJsonWriter
{
    private static readonly JsonSerializerOptions Noda = JsonElementReader.TzdbOptions;

    public static string Write(CadencePolicy policy, string? schemaReference)
    {
        Check(policy);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            if (schemaReference is not null)
            {
                w.WriteString("$schema", schemaReference);
            }

            w.WriteString("name", policy.Name);
            if (policy.DefaultZone is { } zone)
            {
                w.WriteString("defaultZone", zone.Id);
            }

            w.WritePropertyName("horizon");
            JsonSerializer.Serialize(w, policy.Horizon, Noda);
            w.WriteString("selection", JsonNames.Name(policy.SelectionOrder));
            if (policy.LimitedContentVoicemail)
            {
                w.WriteBoolean("limitedContentVoicemail", true);
            }

            Channels(w, "consentRequired", policy.ConsentRequired);
            Channels(w, "workplaceRestricted", policy.WorkplaceRestricted);
            Strings(w, "requiredHolidays", policy.RequiredHolidayRegions);
            if (!policy.ContactPointPreference.SequenceEqual(CadencePolicy.DefaultContactPointPreference))
            {
                // An empty list is written too: it says no kind is preferred, which is not the default.
                Kinds(w, "contactPointPreference", policy.ContactPointPreference, always: true);
            }

            if (policy.Holidays is HolidayCalendar { } calendar && !ReferenceEquals(calendar, HolidayCalendar.Empty))
            {
                w.WriteStartArray("holidays");
                HolidayCalendarJson.WriteCalendar(w, calendar, Noda);
                w.WriteEndArray();
            }

            Array(w, "steps", policy.Steps, Step);
            Array(w, "windows", policy.Windows, Window);
            Array(w, "caps", policy.Caps, Cap);
            Array(w, "cooldowns", policy.Cooldowns, Cooldown);
            Array(w, "exhaustion", policy.ExhaustionRules, Exhaustion);
            Array(w, "holds", policy.HoldRules, Hold);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Check(CadencePolicy policy)
    {
        if (!policy.CustomRules.IsEmpty)
        {
            throw new NotSupportedException($"Policy '{policy.Name}' has {policy.CustomRules.Length} custom NRules rule(s), which a policy file cannot express.");
        }

        foreach (var step in policy.Steps)
        {
            if (step.Conditions.FirstOrDefault(c => c.Kind == StepConditionKind.Custom) is { } custom)
            {
                throw new NotSupportedException($"Step '{step.Id}' of policy '{policy.Name}' has the custom condition '{custom.Description}', which a policy file cannot express.");
            }
        }

        if (policy.Holidays is not HolidayCalendar)
        {
            throw new NotSupportedException($"Policy '{policy.Name}' uses a host holiday calendar ({policy.Holidays}), which a policy file cannot express; supply it when reading (PolicyJsonOptions.Holidays).");
        }

        if (!ReferenceEquals(policy.ZoneProvider, DateTimeZoneProviders.Tzdb))
        {
            throw new NotSupportedException($"Policy '{policy.Name}' uses the zone provider {policy.ZoneProvider.VersionId}; a policy file names TZDB zones (supply the provider when reading with PolicyJsonOptions.ZoneProvider).");
        }
    }

    private static void Step(Utf8JsonWriter w, CadenceStep s)
    {
        w.WriteString("id", s.Id);
        if (s.Channel is { } channel)
        {
            w.WriteString("channel", JsonNames.Name(channel));
        }
        else
        {
            w.WriteString("escalation", s.EscalationKind);
        }

        w.WriteString("template", s.Template);
        w.WriteStartObject("window");
        w.WriteNumber("from", s.FromDay);
        if (s.ToDay is { } to)
        {
            w.WriteNumber("to", to);
        }

        w.WriteEndObject();
        if (s.Priority != 0)
        {
            w.WriteNumber("priority", s.Priority);
        }

        if (s.RepeatInterval is { } repeat)
        {
            w.WritePropertyName("repeatInterval");
            JsonSerializer.Serialize(w, repeat, Noda);
        }
        else if (s.RepeatCalendarDays is { } days)
        {
            w.WriteStartObject("repeatInterval");
            w.WriteNumber("calendarDays", days);
            w.WriteEndObject();
        }

        if (s.MaxAttempts is { } max)
        {
            w.WriteNumber("maxAttempts", max);
        }

        if (s.Bundle)
        {
            w.WriteBoolean("bundle", true);
        }

        Array(w, "conditions", s.Conditions, Condition);
    }

    private static void Condition(Utf8JsonWriter w, StepCondition c)
    {
        switch (c.Kind)
        {
            case StepConditionKind.HasTag:
                w.WriteString("hasTag", c.Tag);
                break;
            case StepConditionKind.LacksTag:
                w.WriteString("lacksTag", c.Tag);
                break;
            case StepConditionKind.AmountAtLeast:
                w.WriteNumber("amountAtLeast", c.Amount!.Value);
                break;
            case StepConditionKind.AmountBelow:
                w.WriteNumber("amountBelow", c.Amount!.Value);
                break;
            case StepConditionKind.Autopay:
                w.WriteBoolean("autopay", c.AutopayEnabled!.Value);
                break;
            case StepConditionKind.HoldActive:
                w.WriteString("holdActive", c.Hold!.Value.Name);
                break;
            case StepConditionKind.NoHoldActive:
                w.WriteString("noHoldActive", c.Hold!.Value.Name);
                break;
            case StepConditionKind.DaysFromDueBetween:
                w.WriteStartObject("daysFromDue");
                w.WriteNumber("from", c.Days!.Value.From);
                w.WriteNumber("to", c.Days!.Value.To);
                w.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"The condition '{c.Description}' cannot be written to a policy file.");
        }
    }

    private static void Window(Utf8JsonWriter w, ContactWindow window)
    {
        w.WriteString("name", window.Name);
        w.WriteStartArray("days");
        foreach (var (name, kind) in JsonNames.Days.Where(d => d.Value is DayKinds.Weekday or DayKinds.Saturday or DayKinds.Sunday or DayKinds.Holiday).OrderBy(d => d.Value))
        {
            if ((window.Days & kind) != 0)
            {
                w.WriteStringValue(name);
            }
        }

        w.WriteEndArray();
        Channels(w, "channels", window.Channels);
        w.WriteStartArray("ranges");
        foreach (var range in window.Ranges)
        {
            w.WriteStartObject();
            w.WriteString("from", Time(range.Start, endOfDay: false));
            w.WriteString("to", Time(range.End, endOfDay: true));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Source(w, window.Source);
    }

    private static string Time(LocalTime time, bool endOfDay)
        => endOfDay && time == LocalTime.Midnight ? "24:00"
            : time.Second == 0 && time.TickOfSecond == 0 ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm:ss.FFFFFFFFF", CultureInfo.InvariantCulture);

    private static void Cap(Utf8JsonWriter w, FrequencyCap cap)
    {
        w.WriteString("name", cap.Name);
        w.WriteNumber("limit", cap.Limit);
        w.WritePropertyName("period");
        switch (cap.Period.Kind)
        {
            case CapPeriodKind.SlidingDays:
                w.WriteStartObject();
                w.WriteNumber("slidingDays", cap.Period.Days);
                w.WriteEndObject();
                break;
            case CapPeriodKind.Rolling:
                w.WriteStartObject();
                w.WritePropertyName("rolling");
                JsonSerializer.Serialize(w, cap.Period.Length, Noda);
                w.WriteEndObject();
                break;
            default:
                w.WriteStringValue(JsonNames.Name(cap.Period.Kind));
                break;
        }

        w.WriteStartObject("counts");
        Filter(w, cap.Counts);
        w.WriteEndObject();
        Scope(w, cap.Scope);
        Kinds(w, "contactPointKinds", cap.ContactPointKinds, always: false);
        Source(w, cap.Source);
    }

    private static void Source(Utf8JsonWriter w, RuleSource? source)
    {
        if (source is null)
        {
            return;
        }

        w.WriteStartObject("source");
        w.WriteString("pack", source.PackId);
        w.WriteString("citation", source.Citation);
        w.WriteString("mark", source.Mark);
        Strings(w, "regions", source.Regions);
        w.WriteEndObject();
    }

    private static void Scope(Utf8JsonWriter w, RuleScope scope)
    {
        if (scope != RuleScope.Person)
        {
            w.WriteString("scope", JsonNames.Name(scope));
        }
    }

    private static void Kinds(Utf8JsonWriter w, string name, ImmutableArray<ContactPointKind> kinds, bool always)
    {
        if (kinds.IsDefaultOrEmpty && !always)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var kind in kinds.IsDefault ? [] : kinds)
        {
            w.WriteStringValue(JsonNames.Name(kind));
        }

        w.WriteEndArray();
    }

    private static void Filter(Utf8JsonWriter w, AttemptFilter filter)
    {
        Channels(w, "channels", filter.Channels);
        w.WriteString("directions", JsonNames.DirectionFilters.First(d => d.Value == filter.Directions).Key);
        if (!filter.Outcomes.IsEmpty)
        {
            w.WriteStartArray("outcomes");
            foreach (var outcome in filter.Outcomes)
            {
                w.WriteStringValue(JsonNames.Name(outcome));
            }

            w.WriteEndArray();
        }
    }

    private static void Cooldown(Utf8JsonWriter w, Cooldown cooldown)
    {
        w.WriteString("name", cooldown.Name);
        w.WriteStartObject("trigger");
        Filter(w, cooldown.Trigger);
        w.WriteEndObject();
        Channels(w, "blocks", cooldown.Blocks);
        w.WriteStartObject("length");
        if (cooldown.Length.IsCalendarDays)
        {
            w.WriteNumber("calendarDays", cooldown.Length.Days);
        }
        else
        {
            w.WritePropertyName("duration");
            JsonSerializer.Serialize(w, cooldown.Length.Duration, Noda);
        }

        w.WriteEndObject();
        Scope(w, cooldown.Scope);
        Source(w, cooldown.Source);
    }

    private static void Exhaustion(Utf8JsonWriter w, ExhaustionRule rule)
    {
        w.WriteString("name", rule.Name);
        w.WriteNumber("consecutiveFailures", rule.ConsecutiveFailures);
        Channels(w, "channels", rule.Channels);
        w.WriteStartArray("failureOutcomes");
        foreach (var outcome in rule.FailureOutcomes)
        {
            w.WriteStringValue(JsonNames.Name(outcome));
        }

        w.WriteEndArray();
        Source(w, rule.Source);
    }

    private static void Hold(Utf8JsonWriter w, HoldRule rule)
    {
        w.WriteString("name", rule.Name);
        w.WriteString("kind", rule.Kind.Name);
        if (rule.BlocksAllSteps)
        {
            w.WriteBoolean("blocksAllSteps", true);
        }

        Strings(w, "exceptSteps", rule.ExceptSteps);
        Channels(w, "blockedChannels", rule.BlockedChannels);
        Strings(w, "blockedSteps", rule.BlockedSteps);
        if (rule.GraceDaysAfterPromisedDate is { } grace)
        {
            w.WriteNumber("graceDays", grace);
        }

        Source(w, rule.Source);
    }

    private static void Array<T>(Utf8JsonWriter w, string name, ImmutableArray<T> items, Action<Utf8JsonWriter, T> write)
    {
        if (items.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            write(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Channels(Utf8JsonWriter w, string name, ImmutableArray<Channel> channels)
    {
        if (channels.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var channel in channels)
        {
            w.WriteStringValue(JsonNames.Name(channel));
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a non-empty array of strings; nothing when there is none (shared by the person writer).</summary>
    internal static void Strings(Utf8JsonWriter w, string name, ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return;
        }

        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }
}
