using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Assessment;
using Portfolio.People;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages;

public sealed class NotificationsTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    async Task NotifyAsync(TestPerson person, string text)
    {
        await using var conn = await app.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await Notifications.NotifyAsync(conn, tx, person.CentreId, person.Id, text, "/Portfolio");
        await tx.CommitAsync();
    }

    static string? UnreadCount(IDocument page) => page.QuerySelector("#unread-count")?.FirstChild?.TextContent;

    [Fact]
    public async Task The_header_counts_a_new_notification_on_the_next_page_and_drops_it_once_opened()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var client = await app.SignedInAsync(person);
        Assert.Null(UnreadCount(await Html.GetAsync(client, "/Portfolio")));

        await NotifyAsync(person, "Your assessor returned your action plan.");
        var notified = await Html.GetAsync(client, "/Notifications");
        var opened = await Html.SubmitAsync(client, notified.QuerySelector<IHtmlFormElement>("[data-notification] form")!);

        Assert.Equal("1", UnreadCount(notified));
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Null(UnreadCount(await Html.GetAsync(client, opened.Headers.Location!.OriginalString)));
    }

    [Fact]
    public async Task Marking_all_read_clears_the_header_count()
    {
        var person = await app.PersonAsync(await app.CentreAsync(), Role.Candidate);
        var client = await app.SignedInAsync(person);
        await NotifyAsync(person, "Your assessor returned your action plan.");
        await NotifyAsync(person, "Your assessor signed off element 1.1.");
        var page = await Html.GetAsync(client, "/Notifications");
        Assert.Equal("2", UnreadCount(page));

        var response = await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#read-all-form")!);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await Html.GetAsync(client, response.Headers.Location!.OriginalString);
        Assert.Null(UnreadCount(after));
        Assert.Empty(after.QuerySelectorAll("#notifications li.app-notification--unread"));
    }

    [Fact]
    public async Task A_form_shown_again_with_an_error_still_shows_the_count()
    {
        var e = await app.EnrolledCandidateAsync();
        var id = await EvidenceTestSteps.ItemAsync(app, e);
        var client = await app.SignedInAsync(e.Candidate);
        await NotifyAsync(e.Candidate, "Your assessor returned your action plan.");

        var response = await EvidenceTestSteps.OnViewAsync(client, id, "#map-form", new() { ["Mapping.PointId"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.NotEmpty(Html.Errors(page));
        Assert.Equal("1", UnreadCount(page));
    }
}
