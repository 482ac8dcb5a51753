using BenchmarkDotNet.Running;
using Custodian.Benchmarks.Audit;
using Custodian.Benchmarks.Vault;

namespace Custodian.Benchmarks;

/// <summary>
/// Load runs: <c>dotnet run -c Release --project bench/Custodian.Benchmarks -- gated-read|import|import-profile|persons-csv|persons-jsonl|dispose|key-rotation|backup|audit-verify|incidents-affected|entries|multi-server|requests dashboard|console dashboard|console persons|telemetry|audit-shards</c>;
/// anything else goes to BenchmarkDotNet (<c>-- --filter '*'</c>).
/// </summary>
public static class BenchmarkProgram
{
    public static async Task Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "gated-read":
                await GatedReadLoad.RunAsync(
                    TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5),
                    args.Length > 2 ? args[2..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1, 16]);
                break;
            case "import":
                await ImportLoad.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
                break;
            case "import-profile":
                await ImportProfile.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, args.ElementAtOrDefault(2) == "postgres");
                break;
            case "persons-jsonl":
                ImportLoad.WriteJsonLines(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
                break;
            case "persons-csv":
                ImportLoad.WriteCsv(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args[2]);
                break;
            case "release":
                await Custodian.Benchmarks.Anonymization.ReleaseLoad.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
                break;
            case "entries":
                await Provision.EntryLoad.RunAsync(args.ElementAtOrDefault(1) ?? "sqlite", TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(2) ?? "10", System.Globalization.CultureInfo.InvariantCulture)), int.Parse(args.ElementAtOrDefault(3) ?? "32", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "multi-server":
                await Provision.MultiServerLoad.RunAsync(
                    TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(1) ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
                    args.Length > 2 ? args[2..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [4, 8, 16, 32]);
                break;
            case "key-rotation":
                await KeyRotationLoad.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000, args.ElementAtOrDefault(2) ?? "sqlite",
                    int.Parse(args.ElementAtOrDefault(3) ?? "4", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "audit-verify":
                await AuditVerifyLoad.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000);
                break;
            case "dispose":
                await Retention.DisposalLoad.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
                break;
            case "backup":
                await Backup.BackupLoad.RunAsync(
                    args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
                    args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 8);
                break;
            case "incidents-affected":
                await Incidents.AffectedLoad.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000_000);
                break;
            case "requests":
                await Requests.RequestsLoad.RunAsync(args);
                break;
            case "console":
                await StaffConsole.ConsoleLoad.RunAsync(args);
                break;
            case "telemetry":
                await Telemetry.TelemetryLoad.RunAsync(
                    TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(1) ?? "20", System.Globalization.CultureInfo.InvariantCulture)),
                    int.Parse(args.ElementAtOrDefault(2) ?? "16", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "audit-shards":
                await AuditShardsLoad.RunAsync(
                    TimeSpan.FromSeconds(int.Parse(args.ElementAtOrDefault(1) ?? "10", System.Globalization.CultureInfo.InvariantCulture)),
                    int.Parse(args.ElementAtOrDefault(2) ?? "64", System.Globalization.CultureInfo.InvariantCulture),
                    args.Length > 3 ? args[3..].Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray() : [1, 2, 4, 8]);
                break;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
                break;
        }
    }
}
