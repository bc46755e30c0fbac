using System.Globalization;
using BenchmarkDotNet.Running;
using Cadence.Benchmarks;

if (args is ["--verify", ..])
{
    // Checks, without measuring time: the baseline's agreement with the engine and the engine's allocation per batch.
    var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)) : ReferenceBenchmarks.Sizes();
    return Verify.Run(sizes, Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
