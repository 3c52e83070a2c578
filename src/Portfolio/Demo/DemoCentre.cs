using Dapper;
using Npgsql;
using Portfolio.Enrolments;
using Portfolio.People;
using Portfolio.Rubrics;

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

    /// <summary>
    /// Creates the demo centre unless any centre exists: its people, the shipped rubrics from the folder, and the demo
    /// candidates enrolled on the first qualification with the demo assessor and IQA. Returns whether it did.
    /// </summary>
    public static async Task<bool> CreateIfEmptyAsync(NpgsqlDataSource db, string? rubricsFolder = null, CancellationToken ct = default)
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
        if (rubricsFolder is not null && Directory.Exists(rubricsFolder))
        {
            await ImportAndEnrolAsync(db, centreId, rubricsFolder, ct);
        }
        return true;
    }

    const string PersonSql = "SELECT id FROM people WHERE email = @email";

    static async Task ImportAndEnrolAsync(NpgsqlDataSource db, long centreId, string rubricsFolder, CancellationToken ct)
    {
        var store = new RubricStore(db);
        var imports = new List<RubricImport>();
        foreach (var files in RubricStore.FoldersUnder(rubricsFolder))
        {
            var result = await store.ImportAsync(centreId, null, files, ct);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException("A shipped rubric does not load:\n" + string.Join('\n', result.Problems));
            }
            imports.Add(result);
        }
        if (imports.Count == 0)
        {
            return;
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        async Task<long> Id(string email) => await conn.ExecuteScalarAsync<long>(new CommandDefinition(PersonSql, new { email }, cancellationToken: ct));
        var admin = await Id("admin@demo.test");
        var enrolments = new EnrolmentStore(db, store);
        foreach (var candidate in new[] { "candidate@demo.test", "candidate2@demo.test" })
        {
            await enrolments.EnrolAsync(centreId, admin, new EnrolmentStore.NewEnrolment(
                await Id(candidate), imports[0].VersionId!.Value, await Id("assessor@demo.test"), await Id("iqa@demo.test")), ct);
        }
    }
}
