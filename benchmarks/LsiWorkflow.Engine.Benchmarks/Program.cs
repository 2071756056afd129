using System.Globalization;
using BenchmarkDotNet.Running;
using LsiWorkflow.Engine.Benchmarks;

var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

// One line of figures, as every benchmark of the repository ends: activities per second from the mean.
foreach (var report in summaries.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null))
{
    var meanSeconds = report.ResultStatistics!.Mean / 1e9;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"benchmark={report.BenchmarkCase.Descriptor.WorkloadMethod.Name} activities={FlowchartBenchmark.ActivityCount} mean_ms={meanSeconds * 1000:0.000} activities_per_s={FlowchartBenchmark.ActivityCount / meanSeconds:0}"));
}
