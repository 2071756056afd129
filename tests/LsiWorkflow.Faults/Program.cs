using LsiWorkflow.Faults;

// Usage: LsiWorkflow.Faults <crash|two-nodes|db-restart|race> [--option value ...]; the scripts in infra/faults
// set FAULTS_HOST_DLL, FAULTS_DB, FAULTS_WORK and FAULTS_PORT. The last line printed is the figures as key=value.
if (args.Length == 0)
{
    Console.Error.WriteLine("Usage: LsiWorkflow.Faults <crash|two-nodes|db-restart|race> [--option value ...]");
    return 2;
}
var settings = FaultSettings.From(args);
// A recheck looks at what the last run left, so it keeps the database.
if (Environment.GetEnvironmentVariable("FAULTS_FRESH_DB") == "1" && settings.Text("check-only") != "yes")
{
    await Database.RecreateAsync(settings.ConnectionString);
}
Figures figures = args[0] switch
{
    "crash" => await new CrashScenario(settings).RunAsync(),
    "two-nodes" => await new TwoNodesScenario(settings).RunAsync(),
    "db-restart" => await new DbRestartScenario(settings).RunAsync(),
    "race" => await new RaceScenario(settings).RunAsync(),
    "backup" => await new BackupScenario(settings).RunAsync(),
    _ => throw new ArgumentException($"Unknown scenario '{args[0]}'", nameof(args)),
};
foreach (var problem in figures.Problems)
{
    Console.Error.WriteLine($"FAULT: {problem}");
}
Console.WriteLine(figures.Line);
return figures.Problems.Count == 0 ? 0 : 1;
