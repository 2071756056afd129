using LsiWorkflow.Host.Shared.Access;
using LsiWorkflow.Host.Shared.UseCases;

namespace LsiWorkflow.Host.Tests.Infrastructure;

/// <summary>People tests send use cases as; each passes the same access check as a signed-in person would.</summary>
public static class Actors
{
    public static readonly Actor Secretary = new("secretaris", "SZW", new HashSet<string> { Roles.Secretary });
}
