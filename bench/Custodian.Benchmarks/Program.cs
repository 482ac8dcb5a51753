using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Benchmarks entry point: <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- --filter '*'</c>.</summary>
public partial class Program;
