using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Admin;

/// <summary>The audit pages of every area, once a candidate has removed a client's phone number from a draft.</summary>
public sealed class AuditTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Phone = "07700 900461";

    async Task<(EnrolledCandidate E, long Id)> PhoneRemovedAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e, EvidenceKind.ActionPlan);
        var client = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.SaveAsync(client, id, new()
        {
            ["Input.Content.ClientGoals"] = $"Find work in retail. Call her on {Phone} after six.",
        });
        await EvidenceTestSteps.SaveAsync(client, id, new() { ["Input.Content.ClientGoals"] = "Find work in retail." });
        return (e, id);
    }

    [Fact]
    public async Task A_phone_number_removed_from_a_draft_is_in_no_audit_row()
    {
        var (_, id) = await PhoneRemovedAsync();

        Assert.Equal(0, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE before::text LIKE @like OR after::text LIKE @like", new { like = "%900461%" }));
        Assert.Equal(2, await app.ScalarAsync<int>(
            "SELECT count(*) FROM audit_events WHERE action = 'evidence.saved' AND subject_id = @id", new { id }));
    }

    [Fact]
    public async Task No_audit_page_shows_a_removed_phone_number_and_each_says_what_changed()
    {
        var (e, _) = await PhoneRemovedAsync();
        var admin = await app.PersonAsync(e.CentreId, "admin");

        foreach (var (person, area) in new[] { (admin, "Admin"), (e.Iqa, "Verify"), (e.Assessor, "Assess") })
        {
            var page = await Html.GetAsync(await app.SignedInAsync(person), $"/{area}/Audit?enrolmentId={e.EnrolmentId}");

            Assert.DoesNotContain("900461", page.Body!.TextContent);
            var saves = page.QuerySelectorAll("tr[data-action='evidence.saved']").Select(r => r.TextContent).ToList();
            Assert.Contains(saves, s => s.Contains("Client's goals changed: 56 → 20 characters"));
            Assert.Contains(saves, s => s.Contains("revision 1"));
        }
    }

    [Fact]
    public async Task An_audit_entry_links_to_the_revision_once_submitted_where_the_viewer_may_read_it()
    {
        var (e, id) = await PhoneRemovedAsync();
        var iqa = await app.SignedInAsync(e.Iqa);
        var whileDraft = await Html.GetAsync(iqa, $"/Verify/Audit?enrolmentId={e.EnrolmentId}");
        await new EvidenceStore(app.DataSource).SubmitAsync(e.CentreId, e.Candidate.Id, id, await EvidenceTestSteps.RowVersionAsync(app, id), true, true);

        var submitted = await Html.GetAsync(iqa, $"/Verify/Audit?enrolmentId={e.EnrolmentId}");
        var admin = await Html.GetAsync(await app.SignedInAsync(await app.PersonAsync(e.CentreId, "admin")), $"/Admin/Audit?enrolmentId={e.EnrolmentId}");

        Assert.Empty(whileDraft.QuerySelectorAll("tr[data-action='evidence.saved'] a"));
        Assert.Contains($"/Verify/Evidence?id={id}&revision=1",
            submitted.QuerySelectorAll("tr[data-action='evidence.saved'] a").Select(a => a.GetAttribute("href")));
        Assert.Empty(admin.QuerySelectorAll("tr[data-action='evidence.saved'] a"));
    }
}
