using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Pages.External;

public sealed class FileTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    /// <summary>Two candidates with a photo each, both sampled; the EQA's window holds the first sample only.</summary>
    async Task<(long Item, long File, long OtherFile, long AccessId, TestPerson Eqa, TestPerson Admin, EnrolledCandidate Shared)> ArrangeAsync(
        DateTime? startsAt = null, DateTime? endsAt = null)
    {
        var e = await app.EnrolledCandidateAsync();
        var (item, file) = await QualitySteps.ReturnedWithPhotoAsync(app, e, "1.1.1");
        var (_, otherFile) = await QualitySteps.ReturnedWithPhotoAsync(app, await QualitySteps.AnotherCandidateAsync(app, e), "1.2.1");
        var samples = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        var (refusal, accessId) = await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id,
            startsAt ?? DateTime.UtcNow.AddHours(-1), endsAt ?? DateTime.UtcNow.AddDays(1), false, [samples[0]]);
        Assert.Equal(ExternalAccess.Refusal.None, refusal);
        return (item, file, otherFile, accessId!.Value, eqa, admin, e);
    }

    [Fact]
    public async Task The_photo_on_an_evidence_page_in_the_window_opens_inline_and_its_link_downloads()
    {
        var (item, file, _, _, eqa, _, _) = await ArrangeAsync();
        var client = await app.SignedInAsync(eqa);
        var page = await Html.GetAsync(client, $"/External/Evidence?id={item}");

        var picture = await client.GetAsync(page.QuerySelector<IHtmlImageElement>($"#file-{file} img")!.GetAttribute("src"));
        var download = await client.GetAsync(page.QuerySelector<IHtmlAnchorElement>($"#file-{file} a")!.GetAttribute("href"));

        Assert.Equal(HttpStatusCode.OK, picture.StatusCode);
        // Pages show a picture's display copy (a JPEG); the link downloads the file as it was uploaded.
        Assert.Equal("image/jpeg", picture.Content.Headers.ContentType!.MediaType);
        Assert.Equal("inline", picture.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(QualitySteps.Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(2, await app.ScalarAsync<int>(
            "SELECT count(*)::int FROM audit_events WHERE actor_id = @id AND action = 'external.viewed' AND after->>'path' LIKE '/External/File?%'",
            new { id = eqa.Id }));
    }

    [Fact]
    public async Task A_file_of_a_candidate_outside_the_window_is_not_found()
    {
        var (_, _, otherFile, _, eqa, _, _) = await ArrangeAsync();
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={otherFile}&inline=true")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={otherFile}")).StatusCode);
    }

    [Fact]
    public async Task A_file_not_yet_submitted_is_not_found_even_for_a_candidate_in_the_window()
    {
        var (_, _, _, _, eqa, _, shared) = await ArrangeAsync();
        var draft = await QualitySteps.DraftWithPhotoAsync(app, shared);
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={await QualitySteps.FileOfAsync(app, draft)}")).StatusCode);
    }

    [Fact]
    public async Task After_the_window_is_revoked_the_file_is_not_found()
    {
        var (_, file, _, accessId, eqa, admin, _) = await ArrangeAsync();
        var client = await app.SignedInAsync(eqa);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/File?id={file}")).StatusCode);

        Assert.Equal(ExternalAccess.Refusal.None, await new ExternalAccess(app.DataSource).RevokeAsync(eqa.CentreId, admin.Id, accessId));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={file}")).StatusCode);
    }

    [Theory]
    [InlineData(-10, -1)]
    [InlineData(1, 10)]
    public async Task Outside_the_time_of_the_window_the_file_is_not_found(int startDays, int endDays)
    {
        var (_, file, _, _, eqa, _, _) = await ArrangeAsync(DateTime.UtcNow.AddDays(startDays), DateTime.UtcNow.AddDays(endDays));
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={file}&inline=true")).StatusCode);
    }

    [Fact]
    public async Task With_the_whole_centre_every_file_of_the_centre_opens_but_never_another_centres()
    {
        var (_, file, otherFile, _, eqa, admin, _) = await ArrangeAsync();
        await new ExternalAccess(app.DataSource).GrantAsync(eqa.CentreId, admin.Id, eqa.Id, DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), true, []);
        var (_, foreignFile) = await QualitySteps.ReturnedWithPhotoAsync(app, await app.EnrolledCandidateAsync(await app.CentreAsync("Elsewhere")), "1.1.1");
        var client = await app.SignedInAsync(eqa);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/File?id={file}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/External/File?id={otherFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/External/File?id={foreignFile}")).StatusCode);
    }
}
