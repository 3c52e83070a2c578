using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Tests.Privacy;

namespace Portfolio.Tests.Pages.Admin;

public sealed class PeopleEraseTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task<HttpResponseMessage> EraseAsync(HttpClient admin, long personId, Dictionary<string, object> fields)
    {
        var page = await Html.GetAsync(admin, $"/Admin/People/Erase?id={personId}");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#erase-form")!, fields);
    }

    Task<long> CountAsync(string sql, object args) => app.ScalarAsync<long>(sql, args);

    [Fact]
    public async Task Erasing_a_candidate_removes_their_personal_data_everywhere_and_keeps_the_events()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var theirs = await app.SignedInAsync(e.Candidate);
        var seeded = await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder);
        var events = await CountAsync("SELECT count(*) FROM audit_events", new { });

        var response = await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "Their written request" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = new { id = e.Candidate.Id, item = seeded.ItemId, secret = "%Marigold%" };
        Assert.Equal($"Erased person {e.Candidate.Id} erased-{e.Candidate.Id}@erased.invalid false",
            await app.ScalarAsync<string>("SELECT concat_ws(' ', display_name, email, active::text) FROM people WHERE id = @id", id));
        Assert.Equal("", await app.ScalarAsync<string>("SELECT password_hash FROM people WHERE id = @id", id));
        Assert.Equal(HttpStatusCode.Redirect, (await theirs.GetAsync("/Portfolio")).StatusCode);
        Assert.Equal(0, await CountAsync("""
            SELECT (SELECT count(*) FROM evidence_revisions WHERE text LIKE @secret OR content::text LIKE @secret)
                 + (SELECT count(*) FROM evidence_items WHERE title LIKE @secret)
                 + (SELECT count(*) FROM annotations WHERE comment LIKE @secret OR quote_exact LIKE @secret)
                 + (SELECT count(*) FROM mappings WHERE rationale LIKE @secret)
                 + (SELECT count(*) FROM assessment_reviews WHERE overall_feedback LIKE @secret OR candidate_response LIKE @secret)
                 + (SELECT count(*) FROM judgements WHERE feedback LIKE @secret)
                 + (SELECT count(*) FROM stored_files WHERE extracted_text LIKE @secret)
                 + (SELECT count(*) FROM notifications WHERE text LIKE @secret OR link = '/Assess/Review?id=' || @item)
                 + (SELECT count(*) FROM audit_events WHERE before::text LIKE @secret OR after::text LIKE @secret)
                 + (SELECT count(*) FROM sign_in_sessions WHERE person_id = @id AND (ended_at IS NULL OR remote_address IS NOT NULL))
                 + (SELECT count(*) FROM evidence_revisions WHERE search @@ to_tsquery('english', 'marigold'))
                 + (SELECT count(*) FROM witness_requests WHERE item_id = @item)
                 + (SELECT count(*) FROM notification_settings WHERE person_id = @id)
                 + (SELECT count(*) FROM digest_items WHERE person_id = @id OR body LIKE @secret)
            """, id));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM stored_files WHERE sha256 = @s", new { s = seeded.OwnFile }));
        Assert.False(new Portfolio.Storage.FileStore(app.FilesFolder).Exists(seeded.OwnFile));
        Assert.Equal("met", await app.ScalarAsync<string>("SELECT outcome FROM judgements WHERE item_id = @item", id));
        Assert.Equal(events + 1, await CountAsync("SELECT count(*) FROM audit_events", new { }));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM audit_events WHERE action = 'person.erased' AND subject_id = @id", id));
    }

    [Fact]
    public async Task A_file_another_candidate_also_uploaded_is_kept_for_them()
    {
        var e = await app.EnrolledCandidateAsync();
        var other = await app.EnrolledCandidateAsync(e.CentreId, e.VersionId);
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var seeded = await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder, other.Candidate.Id);

        await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "Their written request" });

        var store = new Portfolio.Storage.FileStore(app.FilesFolder);
        Assert.True(store.Exists(seeded.SharedFile));
        Assert.False(store.Exists(seeded.OwnFile));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM stored_files WHERE sha256 = @s", new { s = seeded.SharedFile }));
    }

    [Fact]
    public async Task Erasure_while_evidence_is_under_assessment_is_refused_until_a_reason_to_override_is_given()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder, returned: false);

        var refused = await Html.ParseAsync(await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "Asked" }));

        Assert.Contains("Enter why the erasure should go ahead despite what is listed", Html.Errors(refused));
        Assert.Contains("under assessment", refused.QuerySelector("#blockers")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM people WHERE id = @id AND erased_at IS NOT NULL", new { id = e.Candidate.Id }));

        var response = await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "Asked", ["Input.OverrideReason"] = "Withdrawn; assessor agreed" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Withdrawn; assessor agreed", await app.ScalarAsync<string>("SELECT override_reason FROM erasures WHERE person_id = @id", new { id = e.Candidate.Id }));
    }

    [Fact]
    public async Task Erasure_without_a_reason_shows_the_error_and_changes_nothing()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));

        var page = await Html.ParseAsync(await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "" }));

        Assert.Contains("Enter the reason for the erasure", Html.Errors(page));
        Assert.Equal(e.Candidate.DisplayName, await app.ScalarAsync<string>("SELECT display_name FROM people WHERE id = @id", new { id = e.Candidate.Id }));
    }

    [Fact]
    public async Task A_failure_part_way_leaves_the_person_as_they_were_and_says_why()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var seeded = await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder);
        // The last statement fails: the person row refuses the change, after the evidence and audit rows were changed.
        await app.ScalarAsync<int>("""
            CREATE FUNCTION refuse_erasure() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'disk quota exceeded'; END $$;
            CREATE TRIGGER refuse_erasure BEFORE UPDATE OF erased_at ON people FOR EACH ROW EXECUTE FUNCTION refuse_erasure();
            SELECT 1
            """);
        try
        {
            var page = await Html.ParseAsync(await EraseAsync(admin, e.Candidate.Id, new() { ["Input.Reason"] = "Asked" }));

            Assert.Contains("Nothing was erased: the database refused the erasure (disk quota exceeded).", Html.Errors(page));
            Assert.Equal(PersonalDataSeed.Secret, await app.ScalarAsync<string>("SELECT text FROM evidence_revisions WHERE id = @r", new { r = seeded.RevisionId }));
            Assert.Equal(0, await CountAsync("SELECT count(*) FROM erasures WHERE person_id = @id", new { id = e.Candidate.Id }));
            Assert.True(new Portfolio.Storage.FileStore(app.FilesFolder).Exists(seeded.OwnFile));
        }
        finally
        {
            await app.ScalarAsync<int>("DROP TRIGGER refuse_erasure ON people; DROP FUNCTION refuse_erasure(); SELECT 1");
        }
    }

    [Fact]
    public async Task Another_centres_person_is_not_found()
    {
        var admin = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));
        var elsewhere = await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.Candidate);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/People/Erase?id={elsewhere.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/People/Data?id={elsewhere.Id}")).StatusCode);
    }
}
