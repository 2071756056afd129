using System.Globalization;

namespace LsiWorkflow.Faults;

/// <summary>What a run needs, from the environment the scripts in infra/faults set and the command line.</summary>
public sealed class FaultSettings
{
    public required string HostDll { get; init; }

    /// <summary>The database of the hosts under test; the run owns it and may fill it.</summary>
    public required string ConnectionString { get; init; }

    public required string Password { get; init; }

    public required string WorkFolder { get; init; }

    public string MailFolder => Path.Combine(WorkFolder, "mail");

    public required int BasePort { get; init; }

    public required IReadOnlyDictionary<string, string> Options { get; init; }

    public Dictionary<string, string> HostEnvironment { get; } = [];

    public int Int(string option, int fallback) =>
        Options.TryGetValue(option, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    public string? Text(string option) => Options.GetValueOrDefault(option);

    public static FaultSettings From(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }
        var work = Required("FAULTS_WORK");
        Directory.CreateDirectory(work);
        return new FaultSettings
        {
            HostDll = Path.GetFullPath(Required("FAULTS_HOST_DLL")),
            ConnectionString = Required("FAULTS_DB"),
            Password = Environment.GetEnvironmentVariable("FAULTS_PASSWORD") is { Length: > 0 } p ? p : "Storing-" + Guid.NewGuid().ToString("N")[..12],
            WorkFolder = work,
            BasePort = int.Parse(Environment.GetEnvironmentVariable("FAULTS_PORT") ?? "5180", CultureInfo.InvariantCulture),
            Options = options,
        };
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Set {name} (the scripts in infra/faults do).");
}
