using System.Collections.Immutable;

namespace Cadence.Json;

/// <summary>One option a file sets.</summary>
/// <param name="Path">Its path, <c>packs[1].options.textsPerDay</c>.</param>
/// <param name="Steps">For an option that lists step ids: those ids, in file order; otherwise empty.</param>
internal sealed record PackSetting(string Path, ImmutableArray<string> Steps);
