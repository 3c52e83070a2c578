using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class EnrolCandidateTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Enrols through the real form; no assessor or IQA when null.</summary>
    internal static async Task<HttpResponseMessage> EnrolAsync(HttpClient admin, TestPerson candidate, long versionId, TestPerson? assessor, TestPerson? iqa = null)
    {
        var page = await Html.GetAsync(admin, "/Admin/Enrolments/Create");
        return await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#enrol-form")!, new()
        {
            ["Input.CandidateId"] = Id(candidate.Id), ["Input.RubricVersionId"] = Id(versionId),
            ["Input.AssessorId"] = assessor is null ? "" : Id(assessor.Id), ["Input.IqaId"] = iqa is null ? "" : Id(iqa.Id),
        });
    }

    [Fact]
    public async Task Enrolling_the_same_candidate_twice_is_refused_on_the_candidate_field()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var version = (await DemoRubric.ImportAsync(app, centre)).VersionId!.Value;
        var candidate = await app.PersonAsync(centre, Role.Candidate);
        await EnrolAsync(admin, candidate, version, null);

        var page = await Html.ParseAsync(await EnrolAsync(admin, candidate, version, null));

        Assert.Contains("This candidate is already enrolled on this qualification; move their enrolment to another version instead", Html.Errors(page));
        Assert.NotNull(page.QuerySelector("#Input_CandidateId-error"));
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM enrolments WHERE candidate_id = @id", new { id = candidate.Id }));
    }

    [Fact]
    public async Task Only_people_holding_a_role_are_offered_for_it_and_one_who_lacks_it_is_refused()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var version = (await DemoRubric.ImportAsync(app, centre)).VersionId!.Value;
        var (candidate, notAnAssessor) = (await app.PersonAsync(centre, Role.Candidate), await app.PersonAsync(centre, Role.Candidate));
        var form = await Html.GetAsync(admin, "/Admin/Enrolments/Create");

        var page = await Html.ParseAsync(await EnrolAsync(admin, candidate, version, notAnAssessor));

        Assert.DoesNotContain(form.QuerySelectorAll("#Input_AssessorId option"), o => o.GetAttribute("value") == Id(notAnAssessor.Id));
        Assert.Contains(form.QuerySelectorAll("#Input_CandidateId option"), o => o.GetAttribute("value") == Id(notAnAssessor.Id));
        Assert.Contains("Choose an assessor from your centre", Html.Errors(page));
        Assert.Equal(0, await app.ScalarAsync<int>("SELECT count(*) FROM enrolments WHERE candidate_id = @id", new { id = candidate.Id }));
    }

    [Fact]
    public async Task Candidates_are_offered_a_few_at_a_time_not_yet_enrolled_first_and_found_by_name()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(conn, """
                INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                SELECT @centre, 'newcomer' || n || '@enrol.test', 'Newcomer ' || lpad(n::text, 2, '0'), 'x', ARRAY['candidate']
                FROM generate_series(1, 60) n
                """, new { centre = e.CentreId });
        }

        var page = await Html.GetAsync(admin, "/Admin/Enrolments/Create");
        var found = await Html.GetAsync(admin, $"/Admin/Enrolments/Create?Find={Uri.EscapeDataString(e.Candidate.DisplayName)}");

        Assert.Equal(51, page.QuerySelectorAll("#Input_CandidateId option").Length); // "Choose a candidate" and 50 of 60
        Assert.NotNull(page.QuerySelector("#more-candidates"));
        Assert.DoesNotContain(page.QuerySelectorAll("#Input_CandidateId option"), o => o.GetAttribute("value") == Id(e.Candidate.Id));
        Assert.Contains(found.QuerySelectorAll("#Input_CandidateId option"), o => o.GetAttribute("value") == Id(e.Candidate.Id));
    }
}
