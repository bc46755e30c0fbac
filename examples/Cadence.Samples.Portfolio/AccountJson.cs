using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace Cadence.Samples.Portfolio;

/// <summary>
/// Reads one account, written as one JSON object, into a <see cref="BorrowerState"/>. The reader is strict: an
/// unknown or repeated property, a value of the wrong type, an unknown enum value or a missing required property is an
/// error that names the JSON path where it was found (e.g. <c>$.history[2].outcome</c>). Optional properties may be
/// left out or set to <c>null</c>. Whether the time zones are known and the contact points and holds are consistent is
/// left to the engine, which reports it as an error decision for the account.
/// </summary>
/// <remarks>The format is described in the sample's README.</remarks>
internal static class AccountJson
{
    private static readonly FrozenDictionary<string, Channel> ContactChannels = Names<Channel>(except: Channel.None);
    private static readonly FrozenDictionary<string, Channel> HistoryChannels = Names<Channel>();
    private static readonly FrozenDictionary<string, ContactDirection> Directions = Names<ContactDirection>();
    private static readonly FrozenDictionary<string, ContactOutcome> Outcomes = Names<ContactOutcome>();

    /// <summary>Reads an account.</summary>
    /// <param name="json">One JSON object.</param>
    /// <returns>The account's state.</returns>
    /// <exception cref="JsonException">
    /// The text is not JSON (<see cref="JsonException.BytePositionInLine"/> says where), or not a valid account
    /// (<see cref="JsonException.Path"/> says where).
    /// </exception>
    public static BorrowerState Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var account = new JsonObjectReader(document.RootElement, "$", "accountId", "timeZones", "dueDate", "amountDue", "autopay", "contactPoints", "holds", "tags", "history");
        return new BorrowerState(account.Required("accountId", ReadString))
        {
            TimeZoneIds = account.Optional("timeZones", (e, p) => ReadArray(e, p, ReadString), []),
            DueDate = account.RequiredOrNull("dueDate", ReadDate),
            AmountDue = account.Required("amountDue", ReadMoney),
            Autopay = account.Optional("autopay", ReadBoolean, false),
            ContactPoints = account.Optional("contactPoints", (e, p) => ReadArray(e, p, ReadContactPoint), []),
            Holds = account.Optional("holds", (e, p) => ReadArray(e, p, ReadHold), []),
            Tags = account.Optional("tags", (e, p) => ReadArray(e, p, ReadString), []),
            History = account.Optional("history", (e, p) => ReadArray(e, p, ReadAttempt), []),
        };
    }

    private static Money ReadMoney(JsonElement element, string path)
    {
        var money = new JsonObjectReader(element, path, "amount", "currency");
        var amount = money.Required("amount", ReadDecimal);
        if (amount < 0)
        {
            throw Error(path + ".amount", Invariant($"the amount ({amount}) cannot be negative"));
        }

        var currency = money.Required("currency", ReadString);
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw Error(path + ".currency", $"'{currency}' is not an ISO 4217 currency code such as USD");
        }

        return new Money(amount, currency);
    }

    private static ContactPoint ReadContactPoint(JsonElement element, string path)
    {
        var point = new JsonObjectReader(element, path, "channel", "optedOut", "consentGiven", "isWorkplace", "updatedAt");
        return new ContactPoint(point.Required("channel", (e, p) => ReadEnum(e, p, ContactChannels)))
        {
            OptedOut = point.Optional("optedOut", ReadBoolean, false),
            ConsentGiven = point.Optional("consentGiven", ReadBoolean, false),
            IsWorkplace = point.Optional("isWorkplace", ReadBoolean, false),
            UpdatedAt = point.Optional<Instant?>("updatedAt", (e, p) => ReadInstant(e, p), null),
        };
    }

    private static Hold ReadHold(JsonElement element, string path)
    {
        var hold = new JsonObjectReader(element, path, "kind", "from", "until", "promisedDate");
        return new Hold(
            new HoldKind(hold.Required("kind", ReadString)),
            hold.Required("from", ReadInstant),
            hold.Optional<Instant?>("until", (e, p) => ReadInstant(e, p), null))
        {
            PromisedDate = hold.Optional<LocalDate?>("promisedDate", (e, p) => ReadDate(e, p), null),
        };
    }

    private static ContactAttempt ReadAttempt(JsonElement element, string path)
    {
        var attempt = new JsonObjectReader(element, path, "at", "channel", "direction", "outcome", "stepId");
        return new ContactAttempt(
            attempt.Required("at", ReadInstant),
            attempt.Required("channel", (e, p) => ReadEnum(e, p, HistoryChannels)),
            attempt.Optional("direction", (e, p) => ReadEnum(e, p, Directions), ContactDirection.Outbound),
            attempt.Required("outcome", (e, p) => ReadEnum(e, p, Outcomes)),
            attempt.Optional<string?>("stepId", ReadString, null));
    }

    private static ImmutableArray<T> ReadArray<T>(JsonElement element, string path, Func<JsonElement, string, T> read)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"expected an array, found {Describe(element)}");
        }

        var items = ImmutableArray.CreateBuilder<T>(element.GetArrayLength());
        var i = 0;
        foreach (var item in element.EnumerateArray())
        {
            var itemPath = Invariant($"{path}[{i++}]");
            items.Add(item.ValueKind == JsonValueKind.Null ? throw Error(itemPath, "an array item cannot be null") : read(item, itemPath));
        }

        return items.MoveToImmutable();
    }

    private static string ReadString(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"expected a string, found {Describe(element)}");
        }

        var value = element.GetString()!;
        return string.IsNullOrWhiteSpace(value) ? throw Error(path, "expected a non-empty string") : value;
    }

    private static bool ReadBoolean(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw Error(path, $"expected true or false, found {Describe(element)}"),
    };

    private static decimal ReadDecimal(JsonElement element, string path)
        => element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out var value)
            ? value
            : throw Error(path, $"expected a number, found {Describe(element)}");

    private static Instant ReadInstant(JsonElement element, string path)
    {
        var text = ReadString(element, path);
        var result = InstantPattern.ExtendedIso.Parse(text);
        return result.Success ? result.Value : throw Error(path, $"'{text}' is not an ISO 8601 UTC instant such as 2026-03-09T14:30:00Z");
    }

    private static LocalDate ReadDate(JsonElement element, string path)
    {
        var text = ReadString(element, path);
        var result = LocalDatePattern.Iso.Parse(text);
        return result.Success ? result.Value : throw Error(path, $"'{text}' is not an ISO 8601 date such as 2026-03-14");
    }

    private static T ReadEnum<T>(JsonElement element, string path, FrozenDictionary<string, T> names)
        where T : struct, Enum
    {
        var text = ReadString(element, path);
        return names.TryGetValue(text, out var value)
            ? value
            : throw Error(path, $"'{text}' is not one of {string.Join(", ", names.OrderBy(n => n.Value).Select(n => n.Key))}");
    }

    /// <summary>The camelCase names of an enum's values, e.g. <c>noAnswer</c> for <see cref="ContactOutcome.NoAnswer"/>.</summary>
    private static FrozenDictionary<string, T> Names<T>(T? except = null)
        where T : struct, Enum
        => Enum.GetValues<T>()
            .Where(v => except is null || !v.Equals(except.Value))
            .ToFrozenDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static JsonException Error(string path, string message) => new(message, path, lineNumber: null, bytePositionInLine: null);

    /// <summary>Reads the properties of one JSON object, rejecting those it does not know and those given twice.</summary>
    private sealed class JsonObjectReader
    {
        private readonly Dictionary<string, JsonElement> properties = new(StringComparer.Ordinal);
        private readonly string path;

        public JsonObjectReader(JsonElement element, string path, params string[] allowed)
        {
            this.path = path;
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"expected an object, found {Describe(element)}");
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!allowed.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw Error($"{path}.{property.Name}", $"unknown property '{property.Name}' (expected {string.Join(", ", allowed)})");
                }

                if (!properties.TryAdd(property.Name, property.Value))
                {
                    throw Error($"{path}.{property.Name}", $"property '{property.Name}' is given twice");
                }
            }
        }

        /// <summary>A property that must be present and not null.</summary>
        public T Required<T>(string name, Func<JsonElement, string, T> read)
            => properties.TryGetValue(name, out var value)
                ? value.ValueKind == JsonValueKind.Null ? throw Error($"{path}.{name}", $"'{name}' cannot be null") : read(value, $"{path}.{name}")
                : throw Error(path, $"required property '{name}' is missing");

        /// <summary>A property that must be present, but may be null.</summary>
        public T? RequiredOrNull<T>(string name, Func<JsonElement, string, T> read)
            where T : struct
            => properties.TryGetValue(name, out var value)
                ? value.ValueKind == JsonValueKind.Null ? null : read(value, $"{path}.{name}")
                : throw Error(path, $"required property '{name}' is missing (write null when it has no value)");

        /// <summary>A property that may be left out or null, then taking <paramref name="fallback"/>.</summary>
        public T Optional<T>(string name, Func<JsonElement, string, T> read, T fallback)
            => properties.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? read(value, $"{path}.{name}") : fallback;
    }
}
