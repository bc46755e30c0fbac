using System.Text.Json;

namespace Cadence.Json;

/// <summary>One property of a pack's options object and how it changes the options.</summary>
/// <param name="Name">The property, <c>textsPerDay</c>.</param>
/// <param name="Read">Reads its value (reporting a problem and giving <see langword="null"/> when there is one).</param>
internal sealed record PackOption<T>(string Name, Func<JsonElementReader, JsonElement, string, (PackSetting Setting, Func<T, T> Apply)?> Read);
