using Dapper;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Npgsql;
using Portfolio.Audit;
using Portfolio.Privacy;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Admin.People;

/// <summary>The administrator downloads everything held about a person of the centre (a subject access request); audited.</summary>
public sealed class DataModel(NpgsqlDataSource db, SubjectAccess access) : PageModel
{
    const string PersonSql = "SELECT display_name FROM people WHERE id = @id AND centre_id = @centreId";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct)
    {
        var admin = User.Person();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var name = await conn.ExecuteScalarAsync<string?>(new CommandDefinition(PersonSql, new { id, centreId = admin.CentreId }, cancellationToken: ct));
            if (name is null)
            {
                return NotFound();
            }
            await AuditTrail.WriteAsync(conn, new AuditEvent("person.data-downloaded", admin.CentreId, admin.Id, "person", id,
                RemoteAddress: HttpContext.Connection.RemoteIpAddress?.ToString()), ct: ct);
            return await SubjectAccessDownload.SendAsync(this, access, admin.CentreId, id, name, admin.Id, wholeCentre: true, ct);
        }
    }
}
