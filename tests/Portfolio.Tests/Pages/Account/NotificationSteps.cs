using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Tests.Mail;

namespace Portfolio.Tests.Pages.Account;

/// <summary>Steps on the email notifications page and around it, shared by its tests and the digest's.</summary>
public static class NotificationSteps
{
    public static Task<AngleSharp.Html.Dom.IHtmlDocument> PageAsync(HttpClient client) =>
        Html.GetAsync(client, "/Account/Notifications");

    /// <summary>Submits the page's form with these deliveries by kind (the other radios as loaded).</summary>
    public static async Task<HttpResponseMessage> ChooseAsync(HttpClient client,
        params (string Kind, string Delivery)[] choices)
    {
        var page = await PageAsync(client);
        return await SubmitAsync(client, page, choices);
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, IHtmlDocument page,
        params (string Kind, string Delivery)[] choices) =>
        Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#notifications-form")!,
            choices.ToDictionary(c => $"Choices[{c.Kind}]", c => (object)c.Delivery));

    /// <summary>The delivery checked for a kind on a page.</summary>
    public static string? Checked(IHtmlDocument page, string kind) => page
        .QuerySelectorAll<IHtmlInputElement>($"input[type=radio][name='Choices[{kind}]']")
        .SingleOrDefault(r => r.IsChecked)?.Value;

    /// <summary>
    /// Proves no email to <paramref name="address"/> was sent: a message queued later arrives, none to them does.
    /// </summary>
    public static async Task AssertNothingSentToAsync(MailingApp app, string address)
    {
        var marker = $"marker{Guid.NewGuid():N}@example.org";
        await OutboxSteps.QueueAsync(app, OutboxSteps.Message(marker));
        await app.MailToAsync(marker);
        Assert.Empty(app.Smtp.To(address));
    }
}
