namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>
/// Where the test database is. Tests reset it before each test, so it is never the database of a running host:
/// it comes from ConnectionStrings__LsiTest, or else the local cluster that infra/db-up.sh starts.
/// </summary>
public static class TestEnvironment
{
    public static string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__LsiTest")
        ?? "Host=127.0.0.1;Port=55432;Database=lsi_test;Username=lsi;Maximum Pool Size=50";
}
