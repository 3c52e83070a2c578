using System.Data;
using Dapper;
using Portfolio.Rubrics;

namespace Portfolio.Mail;

/// <summary>
/// The emails that go with the notifications that matter most, queued in the same transaction. They name the person
/// who acted and the kind of evidence, never its title or text ("Ben Carter returned your action plan").
/// </summary>
public static class EventMail
{
    const string KindAndActorSql = """
        SELECT e.kind, a.display_name FROM evidence_items e, people a WHERE e.id = @itemId AND a.id = @actorId
        """;

    static async Task<(string Kind, string Actor)> KindAndActorAsync(IDbConnection conn, IDbTransaction tx, long itemId,
        long actorId, CancellationToken ct)
    {
        var (key, actor) = await conn.QuerySingleAsync<(string, string)>(new CommandDefinition(KindAndActorSql,
            new { itemId, actorId }, tx, cancellationToken: ct));
        var kind = !EvidenceKinds.TryParse(key, out var k) || k == EvidenceKind.OtherDocument
            ? "document"
            : k.DisplayName().ToLowerInvariant();
        return (kind, actor);
    }

    static string WithArticle(string noun) => ("aeiou".Contains(noun[0]) ? "an " : "a ") + noun;

    public static async Task EvidenceReturnedAsync(IDbConnection conn, IDbTransaction tx, long centreId, long assessorId,
        long candidateId, long itemId, CancellationToken ct = default)
    {
        var (kind, assessor) = await KindAndActorAsync(conn, tx, itemId, assessorId, ct);
        await Outbox.QueueToPersonAsync(conn, tx, centreId, candidateId, "evidence-returned",
            $"Your {kind} has been returned with feedback", $"{assessor} returned your {kind} with feedback.",
            "You were sent this because your assessor returned evidence in your Portfolio.",
            $"/Portfolio/Evidence/View?id={itemId}", "Read the feedback", ct);
    }

    public static async Task EvidenceSubmittedAsync(IDbConnection conn, IDbTransaction tx, long centreId, long candidateId,
        long assessorId, long itemId, CancellationToken ct = default)
    {
        var (kind, candidate) = await KindAndActorAsync(conn, tx, itemId, candidateId, ct);
        await Outbox.QueueToPersonAsync(conn, tx, centreId, assessorId, "evidence-submitted",
            $"{candidate} submitted {WithArticle(kind)}", $"{candidate} submitted {WithArticle(kind)} for assessment.",
            "You were sent this because you are this candidate's assessor in Portfolio.",
            $"/Assess/Review?id={itemId}", "Review it", ct);
    }

    const string ActorSql = "SELECT display_name FROM people WHERE id = @actorId";

    public static async Task ElementSignedOffAsync(IDbConnection conn, IDbTransaction tx, long centreId, long assessorId,
        long candidateId, string elementCode, CancellationToken ct = default)
    {
        var assessor = await conn.ExecuteScalarAsync<string>(new CommandDefinition(ActorSql, new { actorId = assessorId }, tx,
            cancellationToken: ct));
        await Outbox.QueueToPersonAsync(conn, tx, centreId, candidateId, "element-signed-off",
            $"Element {elementCode} has been signed off", $"{assessor} signed off element {elementCode}. Please confirm the sign-off.",
            "You were sent this because your assessor signed off an element of your qualification in Portfolio.",
            "/Portfolio", "Confirm the sign-off", ct);
    }

    /// <summary>The IQA's outcome on a sampled decision, to its assessor: agreed or not, and how many action points.</summary>
    public static async Task SampleRecordedAsync(IDbConnection conn, IDbTransaction tx, long centreId, long iqaId,
        long assessorId, bool agreed, int actionPoints, CancellationToken ct = default)
    {
        var iqa = await conn.ExecuteScalarAsync<string>(new CommandDefinition(ActorSql, new { actorId = iqaId }, tx,
            cancellationToken: ct));
        var actions = actionPoints switch { 0 => "", 1 => " and set 1 action point", _ => $" and set {actionPoints} action points" };
        await Outbox.QueueToPersonAsync(conn, tx, centreId, assessorId, "qa-sample-recorded",
            "Your internal quality assurer recorded a sample outcome",
            $"{iqa} {(agreed ? "agreed with" : "disagreed with")} one of your decisions sampled for quality assurance{actions}.",
            "You were sent this because a decision you made was sampled by internal quality assurance in Portfolio.",
            "/Assess/Samples", "See the outcome", ct);
    }

    const string CentreSql = "SELECT name FROM centres WHERE id = @centreId";

    /// <summary>An external quality assurer's access window, when it is granted.</summary>
    public static async Task ExternalAccessGrantedAsync(IDbConnection conn, IDbTransaction tx, long centreId, long eqaId,
        DateTime startsAt, DateTime endsAt, CancellationToken ct = default)
    {
        var centre = await conn.ExecuteScalarAsync<string>(new CommandDefinition(CentreSql, new { centreId }, tx,
            cancellationToken: ct));
        await Outbox.QueueToPersonAsync(conn, tx, centreId, eqaId, "eqa-access-granted",
            $"External quality assurance access to {centre}",
            $"{centre} gave you read-only access to its portfolios in Portfolio from {startsAt:d MMMM yyyy} until "
            + $"{endsAt:d MMMM yyyy} (UTC).",
            "You were sent this because a centre administrator granted you external quality assurance access.",
            "/External", "Open external quality assurance", ct);
    }
}
