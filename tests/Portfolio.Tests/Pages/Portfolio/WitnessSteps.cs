using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.Evidence;
using Portfolio.Rubrics;

namespace Portfolio.Tests.Pages.PortfolioArea;

/// <summary>Naming a witness for an item and following the link their email carries.</summary>
public static class WitnessSteps
{
    public const string TestimonyText = "I watched Alex run a careers guidance interview on 3 March.";

    /// <summary>A witness testimony draft of the candidate with the account above.</summary>
    public static Task<long> TestimonyAsync(TestDatabase db, EnrolledCandidate e) =>
        EvidenceTestSteps.ItemAsync(db, e, EvidenceKind.WitnessTestimony, content: new EvidenceContent { Notes = TestimonyText });

    public static async Task<HttpResponseMessage> AskAsync(HttpClient candidate, long itemId, string email,
        string name = "Sam Rivers", string jobTitle = "Team Leader")
    {
        var page = await Html.GetAsync(candidate, $"/Portfolio/Evidence/Witness?id={itemId}");
        return await Html.SubmitAsync(candidate, page.QuerySelector<IHtmlFormElement>("#witness-form")!, new()
        {
            ["Input.Name"] = name, ["Input.JobTitle"] = jobTitle, ["Input.Relationship"] = "My line manager",
            ["Input.Email"] = email,
        });
    }

    /// <summary>The newest witness link queued for the address (as the email carries it).</summary>
    public static Task<string> LinkAsync(TestDatabase db, string email) => db.ScalarAsync<string>("""
        SELECT link FROM outbound_mail WHERE to_address = @email AND kind = 'witness-request' ORDER BY id DESC LIMIT 1
        """, new { email });

    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient witness, string link, string typedName = "Sam Rivers",
        bool sawIt = true)
    {
        var page = await Html.GetAsync(witness, link);
        var values = new Dictionary<string, object> { ["Input.TypedName"] = typedName };
        if (sawIt)
        {
            values["Input.SawIt"] = "true";
        }
        return await Html.SubmitAsync(witness, page.QuerySelector<IHtmlFormElement>("#confirm-form")!, values);
    }

    /// <summary>A candidate's testimony with a witness asked; the witness's address and link.</summary>
    public static async Task<(long ItemId, string Email, string Link)> AskedAsync(PortfolioApp app, EnrolledCandidate e)
    {
        var id = await TestimonyAsync(app, e);
        var email = $"witness{Guid.NewGuid():N}@example.org";
        await AskAsync(await app.SignedInAsync(e.Candidate), id, email);
        return (id, email, await LinkAsync(app, email));
    }

    /// <summary>The heading a link that cannot be used answers with.</summary>
    public static async Task<string> ProblemAsync(HttpClient client, string link) =>
        (await Html.GetAsync(client, link)).QuerySelector("#link-problem")?.TextContent.Trim() ?? "(a usable link)";
}
