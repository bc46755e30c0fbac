using System.Globalization;

namespace Cadence;

/// <summary>
/// One problem found in a policy: where it is and what is wrong. The location is structured — the policy's
/// <see cref="Section"/> (<c>steps</c>, <c>caps</c>, <c>name</c>…), the item's <see cref="Index"/> in it and the
/// <see cref="Member"/> of that item — so that a file reader maps it to its own path without parsing text.
/// </summary>
/// <remarks>Made by validation (or a policy file reader); immutable.</remarks>
public sealed record PolicyError
{
    private PolicyError(string section, int? index, string? itemName, string? member, string path, string message)
    {
        Section = section;
        Index = index;
        ItemName = itemName;
        Member = member;
        Path = path;
        Message = message;
    }

    /// <summary>
    /// The section of the policy the problem is in: a list (<c>steps</c>, <c>windows</c>, <c>caps</c>,
    /// <c>cooldowns</c>, <c>exhaustion</c>, <c>holds</c>) or a setting (<c>name</c>, <c>defaultZone</c>,
    /// <c>horizon</c>, <c>holidays</c>); for a problem found in a file, the JSON path's first segment.
    /// </summary>
    public string Section { get; }

    /// <summary>For a list: the item's position in it, in the order the items were added.</summary>
    public int? Index { get; }

    /// <summary>For a list: the item's id or name, when it has one (for messages only).</summary>
    public string? ItemName { get; }

    /// <summary>The member of the item or section, e.g. <c>window</c>, <c>ranges[1]</c> or <c>counts.directions</c>; <see langword="null"/> for the item as a whole.</summary>
    public string? Member { get; }

    /// <summary>
    /// Where, for people: e.g. <c>steps[3]</c> or <c>caps[0] ('reg-f').limit</c>; for a file, its JSON path
    /// (<c>caps[0].limit</c>).
    /// </summary>
    public string Path { get; }

    /// <summary>What is wrong, in plain words.</summary>
    public string Message { get; }

    /// <summary>For a policy read from a file: the 1-based line of the value the problem is about.</summary>
    public int? Line { get; internal init; }

    /// <summary>For a policy read from a file: the 1-based column of that value.</summary>
    public int? Column { get; internal init; }

    /// <inheritdoc />
    public override string ToString() => Line is { } line
        ? string.Create(CultureInfo.InvariantCulture, $"line {line}, {Path}: {Message}")
        : $"{Path}: {Message}";

    /// <summary>A problem with a setting of the policy, or with a list as a whole.</summary>
    internal static PolicyError InSection(string section, string message, string? member = null)
        => new(section, null, null, member, member is null ? section : section + "." + member, message);

    /// <summary>A problem with an item of a list, or one of its members.</summary>
    internal static PolicyError InItem(string section, int index, string? itemName, string? member, string message)
    {
        var item = string.IsNullOrWhiteSpace(itemName)
            ? string.Create(CultureInfo.InvariantCulture, $"{section}[{index}]")
            : string.Create(CultureInfo.InvariantCulture, $"{section}[{index}] ('{itemName}')");
        return new(section, index, itemName, member, member is null ? item : item + "." + member, message);
    }

    /// <summary>A problem located by a file's JSON path (<c>steps[2].window.from</c>).</summary>
    internal static PolicyError AtPath(string path, string message)
    {
        var end = path.IndexOfAny(['.', '[']);
        return new(end > 0 ? path[..end] : path, null, null, null, path, message);
    }
}
