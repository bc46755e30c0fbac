using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cadence.Internal;

/// <summary>The one place argument checks live; messages are invariant and name the valid range.</summary>
internal static class Guard
{
    public static T NotNull<T>(T? value, [CallerArgumentExpression(nameof(value))] string? name = null)
        where T : class
        => value ?? throw new ArgumentNullException(name);

    public static string NotNullOrWhiteSpace(string? value, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The value must not be empty or white space.", name);
        }

        return value;
    }

    public static int AtLeast(int value, int minimum, [CallerArgumentExpression(nameof(value))] string? name = null)
    {
        if (value < minimum)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"The value must be at least {minimum}."));
        }

        return value;
    }

    public static void NotBuilt(bool built, string builderName)
    {
        if (built)
        {
            throw new InvalidOperationException($"This {builderName} has already built its product; create a new builder to make another.");
        }
    }
}
