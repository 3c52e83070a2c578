using Microsoft.Playwright;
using Portfolio.Tests.Pages;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Browser;

/// <summary>
/// What a person types is kept on the device (drafts.js, sw.js) in Chromium, with the network cut by Playwright's
/// offline mode: offered back after the tab closes, sent when the connection returns, never overwriting a change made
/// elsewhere meanwhile, and removed on sign-out.
/// </summary>
public sealed class OfflineBrowserTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    async Task<(IPage Page, EnrolledCandidate E, long Id)> EditingAsync()
    {
        var e = await app.EnrolledCandidateAsync();
        var page = await app.SignedInPageAsync(e.Candidate);
        var create = new CreateEvidencePage(page);
        await create.OpenAsync();
        var edit = await create.StartAsync("Notes written on the bus", "other-document");
        return (page, e, edit.Id);
    }

    Task<string> SavedNotesAsync(long id) => app.ScalarAsync<string>(
        "SELECT coalesce(content->>'notes', '') FROM evidence_revisions WHERE item_id = @id ORDER BY number DESC LIMIT 1",
        new { id });

    static async Task TypeAndKeepAsync(IPage page, string text)
    {
        await page.Locator("#Input_Content_Notes").PressSequentiallyAsync(text);
        await Assertions.Expect(page.Locator("#evidence-form-draft-status")).ToContainTextAsync("kept on this device");
    }

    [Fact]
    public async Task Text_typed_and_never_saved_is_offered_back_when_the_form_is_opened_again()
    {
        var (page, _, id) = await EditingAsync();
        await TypeAndKeepAsync(page, "The client chose the college course.");
        var context = page.Context;
        await page.CloseAsync();

        var again = await context.NewPageAsync();
        await again.GotoAsync($"/Portfolio/Evidence/Edit?id={id}");
        await Assertions.Expect(again.Locator("#evidence-form-draft")).ToContainTextAsync("You have unsaved changes from");
        await BrowserApp.AssertAccessibleAsync(again);
        await again.ClickAsync("#evidence-form-draft-restore");

        await Assertions.Expect(again.Locator("#Input_Content_Notes")).ToHaveValueAsync("The client chose the college course.");
        await new EditEvidencePage(again).SaveAsync();
        await Assertions.Expect(again.Locator("#evidence-form-draft-status")).ToHaveTextAsync("Your changes are saved in Portfolio.");
        Assert.Equal("The client chose the college course.", await SavedNotesAsync(id));
        await again.GotoAsync($"/Portfolio/Evidence/Edit?id={id}");
        await again.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await again.Locator("#evidence-form-draft").CountAsync());
    }

    [Fact]
    public async Task A_save_pressed_offline_waits_on_the_device_and_reaches_the_server_when_the_connection_returns()
    {
        var (page, _, id) = await EditingAsync();
        await TypeAndKeepAsync(page, "Written with no signal.");
        await page.Context.SetOfflineAsync(true);

        await page.ClickAsync("#save");

        await Assertions.Expect(page.Locator("#evidence-form-draft-status")).ToContainTextAsync("will be sent when the connection returns");
        Assert.Equal("", await SavedNotesAsync(id));
        await page.Context.SetOfflineAsync(false);
        Assert.True(await Eventually.WithinAsync(TimeSpan.FromSeconds(15), async () => await SavedNotesAsync(id) == "Written with no signal."));
    }

    [Fact]
    public async Task An_offline_save_that_meets_a_change_made_elsewhere_shows_both_versions_and_overwrites_nothing()
    {
        var (page, e, id) = await EditingAsync();
        await TypeAndKeepAsync(page, "The version on the phone.");
        await page.Context.SetOfflineAsync(true);
        await page.ClickAsync("#save");
        await Assertions.Expect(page.Locator("#evidence-form-draft-status")).ToContainTextAsync("will be sent when the connection returns");
        var elsewhere = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.SaveAsync(elsewhere, id, new() { ["Input.Content.Notes"] = "The version on the laptop." });

        await page.Context.SetOfflineAsync(false);

        await Assertions.Expect(page.Locator("#saved-meanwhile")).ToContainTextAsync("The version on the laptop.");
        await Assertions.Expect(page.Locator("#Input_Content_Notes")).ToHaveValueAsync("The version on the phone.");
        Assert.Equal("The version on the laptop.", await SavedNotesAsync(id));
    }

    [Fact]
    public async Task Signing_out_removes_the_drafts_and_pages_kept_on_the_device()
    {
        var (page, e, id) = await EditingAsync();
        await TypeAndKeepAsync(page, "Private words about a client.");
        await page.GotoAsync("/Account/SignOut");
        await Assertions.Expect(page.Locator("#unsent-warning")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#unsent-warning")).ToContainTextAsync("1 form has changes");

        await page.ClickAsync("#confirm-sign-out");
        await page.WaitForURLAsync("**/Account/SignIn**");

        var kept = await page.EvaluateAsync<string>("""
            async () => {
                const store = await import('/js/device-store.js');
                const pages = (await caches.keys()).filter((n) => n.startsWith(store.PAGES_PREFIX));
                return `${(await store.allDrafts()).length} drafts, ${pages.length} page caches`;
            }
            """);
        Assert.Equal("0 drafts, 0 page caches", kept);
        await new SignInPage(page).SignInAsync(e.Candidate.Email, PortfolioApp.Password);
        await page.GotoAsync($"/Portfolio/Evidence/Edit?id={id}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Equal(0, await page.Locator("#evidence-form-draft").CountAsync());
    }
}
