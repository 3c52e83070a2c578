using Dapper;
using Npgsql;
using Portfolio.People;

namespace Portfolio.Demo;

/// <summary>The demo centre made on the first start of the embedded database, so the site can be tried at once.</summary>
public static class DemoCentre
{
    public const string Password = "portfolio-demo";
    public const string CentreName = "Riverside Careers Academy (demo)";

    public sealed record Login(string Email, string DisplayName, string[] Roles);

    public static readonly IReadOnlyList<Login> Logins =
    [
        new("candidate@demo.test", "Amira Hussain", [Role.Candidate]),
        new("candidate2@demo.test", "Tom Kowalski", [Role.Candidate]),
        new("assessor@demo.test", "Ben Carter", [Role.Assessor]),
        new("iqa@demo.test", "Chloe Davies", [Role.InternalQualityAssurer]),
        new("admin@demo.test", "Dev Patel", [Role.CentreAdministrator]),
        new("eqa@demo.test", "Erin Walsh", [Role.ExternalQualityAssurer]),
        new("lead@demo.test", "Fran Okafor", [Role.Assessor, Role.InternalQualityAssurer, Role.CentreAdministrator]),
    ];

    /// <summary>Creates the demo centre unless any centre exists. Returns whether it did.</summary>
    public static async Task<bool> CreateIfEmptyAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM centres)", cancellationToken: ct)))
        {
            return false;
        }
        var admin = Logins.Single(l => l.Email == "admin@demo.test");
        var centreId = await Centres.CreateAsync(db, CentreName, new Centres.NewPerson(admin.Email, admin.DisplayName, Password, admin.Roles), ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var login in Logins.Where(l => l != admin))
        {
            await Centres.AddPersonAsync(conn, tx, centreId, null, new Centres.NewPerson(login.Email, login.DisplayName, Password, login.Roles), ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }
}
