using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Text;
using Portfolio.Witnesses;

namespace Portfolio.Web.Pages;

/// <summary>
/// Where a witness's link lands, with no account: the evidence's text read-only, then confirm it (typing their name,
/// saying they saw it) or decline it with a comment. A link that cannot be used says why and shows nothing else.
/// </summary>
public sealed class WitnessModel(WitnessRequests witnesses) : PageModel
{
    public sealed class InputModel
    {
        public string? TypedName { get; set; }
        public bool SawIt { get; set; }
        public string? Comment { get; set; }
        public string? TextSha256 { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public WitnessRequests.Found Link { get; private set; } = new(WitnessRequests.LinkState.Unknown);

    /// <summary>The text as the witness reads it: the item's parts rendered, without anyone's annotations.</summary>
    public RenderedHtml TextHtml() => Link.Shown is { } shown
        ? MarkdownRenderer.ToSafeHtml(shown.Text, EvidenceContent.FromJson(shown.Content).Sections(shown.Kind), [])
        : MarkdownRenderer.Render("");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Answered is WitnessRequests.Confirmed or WitnessRequests.Declined)
        {
            return Page();
        }
        Answered = null;
        Link = await witnesses.FindAsync(Token, ct);
        Input.TextSha256 = Link.Shown?.TextSha256;
        return Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.TypedName))
        {
            ModelState.AddModelError("Input.TypedName", "Type your full name to confirm");
        }
        else if (Input.TypedName.Trim().Length > 200)
        {
            ModelState.AddModelError("Input.TypedName", "Your name must be 200 characters or fewer");
        }
        if (!Input.SawIt)
        {
            ModelState.AddModelError("Input.SawIt", "Confirm that you saw the work this describes, or decline below");
        }
        return AnswerAsync(confirms: true, ct);
    }

    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Comment))
        {
            ModelState.AddModelError("Input.Comment", "Say why you cannot confirm it");
        }
        else if (Input.Comment.Length > 4000)
        {
            ModelState.AddModelError("Input.Comment", "Your comment must be 4,000 characters or fewer");
        }
        return AnswerAsync(confirms: false, ct);
    }

    async Task<IActionResult> AnswerAsync(bool confirms, CancellationToken ct)
    {
        Answered = null;
        if (!ModelState.IsValid)
        {
            Link = await witnesses.FindAsync(Token, ct);
            Input.TextSha256 = Link.Shown?.TextSha256 ?? Input.TextSha256;
            return Page();
        }
        // Answering looks the link up itself (locked), and says what it found when the link cannot be used.
        var answer = new WitnessRequests.Answer(confirms, confirms ? Input.TypedName! : "", Input.Comment ?? "",
            Input.TextSha256 ?? "");
        (Link, var changed) = await witnesses.AnswerAsync(Token ?? "", answer, HttpContext.Connection.RemoteIpAddress?.ToString(),
            Request.Headers.UserAgent.ToString(), ct);
        if (changed)
        {
            ModelState.AddModelError(string.Empty,
                "The text changed after you opened this page. Read it again below before you answer.");
            Input.TextSha256 = Link.Shown!.TextSha256;
            return Page();
        }
        if (Link.State != WitnessRequests.LinkState.Usable)
        {
            return Page();
        }
        // The thank-you page names nobody, so reloading or sharing it reveals nothing.
        return RedirectToPage("/Witness", new { answered = confirms ? WitnessRequests.Confirmed : WitnessRequests.Declined });
    }

    /// <summary>After an answer: the thank-you page shows instead of the form.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Answered { get; set; }
}
