using LsiWorkflow.Domain;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LsiWorkflow.Host.Shared.Persistence;

/// <summary>Mapping conventions shared by the domain's configurations.</summary>
internal static class EntityMapping
{
    public const int NameLength = 200;
    public const int CodeLength = 40;
    public const int EnumLength = 40;

    /// <summary>
    /// Keys are chosen in code (stable ids for seed data, version 7 otherwise), never by the database.
    /// Saying so matters: a child added to a loaded aggregate is then inserted, not mistaken for an existing row.
    /// </summary>
    public static void HasEntityKey<T>(this EntityTypeBuilder<T> builder)
        where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
    }

    public static void HasEntityKey<TOwner, T>(this OwnedNavigationBuilder<TOwner, T> builder)
        where TOwner : class
        where T : Entity
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
    }
}
