using LsiWorkflow.Domain;
using LsiWorkflow.Host.Shared.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LsiWorkflow.Host.Features.Cooperation;

public static class OrganisationQueries
{
    /// <summary>Views show organisations by code ("UWV"), which the rows reference by id; the table is small enough to read whole.</summary>
    public static Task<Dictionary<Guid, string>> OrganisationCodesAsync(this LsiDbContext db, CancellationToken cancellationToken) =>
        db.Set<Organisation>().AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Code, cancellationToken);
}
