using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Portfolio.Tests.Pages.Account;

/// <summary>Following a link from the outbox to the page where a password is chosen, and using it.</summary>
public static class PasswordLinkSteps
{
    /// <summary>The newest link of the kind queued for the address (as the email carries it).</summary>
    public static Task<string> LinkAsync(TestDatabase db, string email, string kind) => db.ScalarAsync<string>("""
        SELECT link FROM outbound_mail WHERE to_address = @email AND kind = @kind ORDER BY id DESC LIMIT 1
        """, new { email, kind });

    public static async Task<HttpResponseMessage> ChooseAsync(HttpClient client, string link, string password, string? again = null)
    {
        var page = await Html.GetAsync(client, link);
        return await Html.SubmitAsync(client, page.QuerySelector<IHtmlFormElement>("#choose-password-form")!, new()
        {
            ["Input.Password"] = password, ["Input.Confirmation"] = again ?? password,
        });
    }

    /// <summary>The heading a link that cannot be used answers with.</summary>
    public static async Task<string> ProblemAsync(HttpClient client, string link) =>
        (await Html.GetAsync(client, link)).QuerySelector("#link-problem")?.TextContent.Trim() ?? "(a usable link)";
}
