using System.Reflection;
using System.Text.RegularExpressions;
using Cadence.Json.Tests.Support;
using NetArchTest.Rules;

namespace Cadence.Tests.Architecture;

/// <summary>
/// The core's folders depend one way: Model ← Policy ← CustomRules ← Evaluation ← Engine, Time and Internal below
/// everything. A folder is a namespace (<c>Evaluation/Placement</c> is <c>Cadence.Evaluation.Placement</c>), except the
/// root nouns' folders (<c>Model</c>, <c>Policy</c>, <c>Decisions</c>, <c>Engine</c>), whose types are in <c>Cadence</c>
/// and are found by their files (one type per file, named after it).
/// </summary>
public sealed partial class LayerTests
{
    private static readonly Assembly Core = typeof(CadenceEngine).Assembly;

    private static readonly string Source = Path.Combine(Repository.Root, "src", "Cadence");

    private static readonly string[] RootFolders = ["Model", "Policy", "Decisions", "Engine"];

    /// <summary>What each folder may use, besides itself. The one intended exception: Policy's StepCondition reads CustomRules' AccountFacts.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Internal"] = [],
        ["Time"] = ["Internal"],
        ["Model"] = ["Internal"],
        ["Policy"] = ["Internal", "Model", "Time", "CustomRules"],
        ["Explanations"] = ["Internal", "Model", "Policy"],
        ["CustomRules"] = ["Internal", "Model", "Policy", "Time", "Explanations"],
        ["Decisions"] = ["Internal", "Model", "Policy", "Explanations"],
        ["Evaluation"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations"],
        ["Evaluation/Facts"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Evaluation"],
        ["Evaluation/Candidates"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Evaluation"],
        ["Evaluation/Blocks"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations", "Evaluation"],
        ["Evaluation/Placement"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations", "Evaluation", "Evaluation/Candidates", "Evaluation/Blocks"],
        ["Evaluation/Choice"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations", "Decisions", "Evaluation", "Evaluation/Candidates", "Evaluation/Blocks", "Evaluation/Placement"],
        ["Evaluation/Evaluators"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations", "Decisions", "Evaluation", "Evaluation/Facts", "Evaluation/Candidates", "Evaluation/Blocks", "Evaluation/Placement", "Evaluation/Choice"],
        ["Engine"] = ["Internal", "Model", "Policy", "Time", "CustomRules", "Explanations", "Decisions", "Evaluation", "Evaluation/Facts", "Evaluation/Evaluators"],
        ["Experiments"] = ["Internal", "Model", "Policy", "Explanations", "Decisions", "Engine", "Evaluation/Evaluators"],
        ["Jurisdictions"] = ["Internal", "Model", "Policy"],
    };

    /// <summary>The one intended cycle, stated in Policy/StepCondition.cs.</summary>
    private static readonly (string From, string To) Exception = ("Policy", "CustomRules");

    private static readonly Lazy<Dictionary<string, HashSet<string>>> Graph = new(BuildGraph);

    public static TheoryData<string> Folders() => [.. Allowed.Keys];

    [Fact]
    public void Folders_AreExactlyTheLayersThisTestKnows()
    {
        var folders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Select(FolderOf).Where(f => f is not null && f != ".").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(Allowed.Keys.Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void Folder_DependsOnlyOnTheLayersBelowIt(string folder)
    {
        var used = Graph.Value[folder];

        Assert.Empty(used.Except(Allowed[folder]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Folders_HaveNoCycle_ButThePolicyReadingCustomRuleFacts()
    {
        var graph = Graph.Value;
        var cycles = new List<string>();
        foreach (var (from, tos) in graph)
        {
            foreach (var to in tos.Where(to => (from, to) != Exception && Reaches(graph, to, from)))
            {
                cycles.Add($"{from} -> {to} -> … -> {from}");
            }
        }

        Assert.Empty(cycles);
        Assert.Contains(Exception.To, graph[Exception.From]);
    }

    [Fact]
    public void SourceFiles_UseOnlyTheNamespacesTheirFolderMay()
    {
        // A second, independent reading: the using directives of each file, against the same table.
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories).Where(f => FolderOf(f) is { } folder && folder != "."))
        {
            var folder = FolderOf(file)!;
            foreach (Match m in UsingCadence().Matches(File.ReadAllText(file)))
            {
                var used = m.Groups["ns"].Value.Replace('.', '/');
                if (used != folder && !Allowed[folder].Contains(used))
                {
                    problems.Add($"{Path.GetRelativePath(Source, file)} uses Cadence.{m.Groups["ns"].Value}");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static bool Reaches(Dictionary<string, HashSet<string>> graph, string from, string target)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var node))
        {
            if (node == target)
            {
                return true;
            }

            if (seen.Add(node))
            {
                foreach (var next in graph[node].Where(n => (node, n) != Exception))
                {
                    stack.Push(next);
                }
            }
        }

        return false;
    }

    /// <summary>For every pair of folders, whether NetArchTest finds a type of the first depending on a type of the second.</summary>
    private static Dictionary<string, HashSet<string>> BuildGraph()
    {
        var members = Allowed.Keys.ToDictionary(f => f, Members);
        var graph = Allowed.Keys.ToDictionary(f => f, _ => new HashSet<string>());
        foreach (var from in Allowed.Keys)
        {
            foreach (var to in Allowed.Keys.Where(to => to != from))
            {
                var result = Select(from).NotHaveDependencyOnAny(members[to]).GetResult();
                if (!result.IsSuccessful)
                {
                    graph[from].Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The types of a folder: its namespace, or, for a root folder, its files' types in <c>Cadence</c>.</summary>
    private static Conditions Select(string folder) => RootFolders.Contains(folder)
        ? Types.InAssembly(Core).That().ResideInNamespaceMatching("^Cadence$").And().HaveNameMatching($"^({string.Join("|", TypesOf(folder))})(`\\d+)?$").Should()
        : Types.InAssembly(Core).That().ResideInNamespaceMatching($"^{Regex.Escape(NamespaceOf(folder))}$").Should();

    /// <summary>What a dependency on a folder looks like: the full name of each of its types (a namespace would also match its sub-namespaces).</summary>
    private static string[] Members(string folder)
        => [.. TypesOf(folder).Select(t => (RootFolders.Contains(folder) ? "Cadence." : NamespaceOf(folder) + ".") + t)];

    private static string NamespaceOf(string folder) => "Cadence." + folder.Replace('/', '.');

    private static IEnumerable<string> TypesOf(string folder)
        => Directory.EnumerateFiles(Path.Combine(Source, folder), "*.cs").Select(f => Path.GetFileNameWithoutExtension(f).Split('{')[0]);

    private static string? FolderOf(string file)
    {
        var relative = Path.GetRelativePath(Source, Path.GetDirectoryName(file)!).Replace('\\', '/');
        return relative.StartsWith("bin", StringComparison.Ordinal) || relative.StartsWith("obj", StringComparison.Ordinal) ? null : relative;
    }

    [GeneratedRegex(@"^using Cadence\.(?<ns>[A-Za-z.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingCadence();
}
