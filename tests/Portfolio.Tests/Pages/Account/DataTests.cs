using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Portfolio.People;
using Portfolio.Tests.Privacy;

namespace Portfolio.Tests.Pages.Account;

public sealed class DataTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    static async Task<ZipArchive> ZipAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        return new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
    }

    static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }

    [Fact]
    public async Task A_candidate_downloads_everything_held_about_them_as_pages_files_and_json()
    {
        var e = await app.EnrolledCandidateAsync();
        var seeded = await PersonalDataSeed.EvidenceAsync(app, e, app.FilesFolder);
        await app.ScalarAsync<long>("""
            INSERT INTO learning_hours (enrolment_id, activity_date, minutes, category, counts, learned)
            VALUES (@EnrolmentId, current_date, 90, 'shadowing', true, 'Shadowed a careers adviser at Marigold') RETURNING id
            """, e);
        var client = await app.SignedInAsync(e.Candidate);
        var page = await Html.GetAsync(client, "/Account/Data");

        using var zip = await ZipAsync(await client.GetAsync(page.QuerySelector("#download-my-data")!.GetAttribute("href")));

        var json = JsonDocument.Parse(Read(zip, "data.json")).RootElement;
        Assert.Equal(e.Candidate.Email, json.GetProperty("person")[0].GetProperty("email").GetString());
        Assert.Equal(PersonalDataSeed.Secret, json.GetProperty("evidence")[0].GetProperty("text").GetString());
        Assert.Equal("marigold@example.org", json.GetProperty("witnesses")[0].GetProperty("email").GetString());
        Assert.False(json.GetProperty("witnesses")[0].TryGetProperty("token_hash", out _));
        Assert.Equal("Well done with Marigold", json.GetProperty("feedback")[0].GetProperty("overall_feedback").GetString());
        Assert.Equal("Shadowed a careers adviser at Marigold", json.GetProperty("learningHours")[0].GetProperty("learned").GetString());
        Assert.Equal("digest",
            json.GetProperty("emailChoices")[0].GetProperty("choices").GetProperty("evidence-returned").GetString());
        Assert.Equal("Returned with feedback on Marigold",
            json.GetProperty("digestWaiting")[0].GetProperty("text").GetString());
        Assert.Contains("Feedback on Marigold", Read(zip, "index.html"), StringComparison.Ordinal);
        Assert.Contains(zip.Entries, x => x.FullName.StartsWith($"portfolio-{e.EnrolmentId}/files/", StringComparison.Ordinal)
            && x.FullName.EndsWith("marigold.txt", StringComparison.Ordinal));
        Assert.NotNull(zip.GetEntry($"portfolio-{e.EnrolmentId}/evidence/{seeded.ItemId}-revision-1.html"));
        Assert.DoesNotContain("password", Read(zip, "data.json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_downloads_a_persons_data_and_the_download_is_audited()
    {
        var e = await app.EnrolledCandidateAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(e.CentreId, Role.CentreAdministrator));
        var edit = await Html.GetAsync(admin, $"/Admin/People/Edit?id={e.Candidate.Id}");

        using var zip = await ZipAsync(await admin.GetAsync(edit.QuerySelector("#person-data")!.GetAttribute("href")));

        Assert.Contains(e.Candidate.DisplayName, Read(zip, "index.html"), StringComparison.Ordinal);
        Assert.Equal(1, await app.ScalarAsync<long>("SELECT count(*) FROM audit_events WHERE action = 'person.data-downloaded' AND subject_id = @Id", e.Candidate));
    }
}
