using BenchmarkDotNet.Running;

namespace Custodian.Benchmarks;

/// <summary>Benchmarks entry point: <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- --filter '*'</c>.</summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
}
