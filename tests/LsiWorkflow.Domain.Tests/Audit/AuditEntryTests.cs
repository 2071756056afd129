using System.Runtime.CompilerServices;

namespace LsiWorkflow.Domain.Tests.Audit;

public class AuditEntryTests
{
    [Fact]
    public void Every_property_of_an_audit_entry_is_init_only()
    {
        var setters = typeof(AuditEntry).GetProperties().Select(p => p.SetMethod).ToList();

        Assert.All(setters, setter =>
        {
            Assert.NotNull(setter);
            Assert.Contains(typeof(IsExternalInit), setter.ReturnParameter.GetRequiredCustomModifiers());
        });
    }

    [Fact]
    public void A_new_entry_gets_a_time_ordered_id()
    {
        var entry = new AuditEntry
        {
            At = DateTimeOffset.UnixEpoch,
            ActorUserName = "secretaris",
            ActorOrganisation = Organisations.Szw,
            Action = "ProjectApproved",
            SubjectType = nameof(Project),
            SubjectId = Guid.NewGuid(),
            What = "Status: Proposed -> Approved",
            Why = "Alle poorten gehaald",
        };

        Assert.Equal(7, entry.Id.Version);
        Assert.Null(entry.ProjectId);
    }
}
