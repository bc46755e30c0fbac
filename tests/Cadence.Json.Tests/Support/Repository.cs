namespace Cadence.Json.Tests.Support;

/// <summary>Where the repository's files are, found from the test's output folder.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The sample policies, copied beside the tests.</summary>
    public static string Policies => Path.Combine(AppContext.BaseDirectory, "policies");

    private static string FindRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Cadence.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }
}
