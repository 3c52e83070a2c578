using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Pages.Verify;

namespace Portfolio.Tests.Browser;

/// <summary>The external quality assurer's evidence page and the centre's list of what they opened, in Chromium.</summary>
public sealed class ExternalBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_EQA_sees_the_uploaded_photo_and_the_administrator_sees_the_visit_listed()
    {
        var e = await app.EnrolledCandidateAsync();
        var (item, file) = await QualitySteps.ReturnedWithPhotoAsync(app, e, "1.1.1");
        var samples = await QualitySteps.SampleAllAsync(app, e);
        var eqa = await app.PersonAsync(e.CentreId, Role.ExternalQualityAssurer);
        var admin = await app.PersonAsync(e.CentreId, Role.CentreAdministrator);
        await new ExternalAccess(app.DataSource).GrantAsync(e.CentreId, admin.Id, eqa.Id,
            DateTime.UtcNow.AddHours(-1), DateTime.UtcNow.AddDays(1), false, [samples[0]]);
        var evidence = new ExternalEvidencePage(await app.SignedInPageAsync(eqa));

        await evidence.OpenAsync(item);

        Assert.True(await evidence.PictureShownAsync(file), "The photo did not load on the EQA's evidence page");
        var adminPage = await app.SignedInPageAsync(admin);
        var views = new ExternalViewsListPage(adminPage);
        await views.OpenFromAccessPageAsync();
        await BrowserApp.AssertAccessibleAsync(adminPage);
        Assert.Equal(1, await views.Row("Picture: whiteboard.png").CountAsync());
        Assert.Equal(1, await views.Row("Evidence: Evidence for testing").CountAsync());
        await views.ShowRefusedAsync();
        Assert.Equal(0, await views.Rows.CountAsync());
    }
}
