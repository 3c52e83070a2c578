using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Evidence;
using Portfolio.Mail;
using Portfolio.Web.Account;
using Portfolio.Witnesses;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>
/// The witnesses of one of the candidate's items: name a witness (who is emailed a link), send the link again,
/// withdraw it, or ask again once the text has changed since a confirmation.
/// </summary>
public sealed class WitnessModel(EvidenceStore evidence, WitnessRequests witnesses) : PageModel
{
    public sealed class InputModel
    {
        public string? Name { get; set; }
        public string? JobTitle { get; set; }
        public string? Relationship { get; set; }
        public string? Email { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;
    public WitnessList Witnesses => Detail.Witnesses;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAskAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        Required(Input.Name, "Input.Name", "Enter the witness's full name");
        Required(Input.JobTitle, "Input.JobTitle", "Enter the witness's job title");
        Required(Input.Relationship, "Input.Relationship", "Say how the witness knows you, for example your line manager");
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter the witness's email address");
        }
        else if (!MailAddresses.IsDeliverable(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter an email address in the right format, like name@example.com");
        }
        else if (string.Equals(Input.Email.Trim(), User.Person().Email, StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Input.Email", "A witness must be someone else: enter their email address, not yours");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        return await AskAsync(id, new WitnessDetails(Input.Name!, Input.JobTitle!, Input.Relationship!, Input.Email!), ct);
    }

    void Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            ModelState.AddModelError(field, message);
        }
        else if (value.Trim().Length > 200)
        {
            ModelState.AddModelError(field, "Keep this to 200 characters or fewer");
        }
    }

    async Task<IActionResult> AskAsync(long id, WitnessDetails witness, CancellationToken ct)
    {
        var person = User.Person();
        switch (await witnesses.AskAsync(person.CentreId, person.Id, id, witness, Address, ct))
        {
            case WitnessRequests.Refusal.None:
                TempData["Status"] = $"{witness.Name.Trim()} has been emailed a link to confirm this evidence.";
                return RedirectToPage("Witness", new { id });
            case WitnessRequests.Refusal.AlreadyWaiting:
                ModelState.AddModelError(string.Empty,
                    "A witness has already been asked and has not answered yet. Withdraw that request before asking someone else.");
                return Page();
            case WitnessRequests.Refusal.KindNotWitnessed:
                ModelState.AddModelError(string.Empty,
                    "Only witness testimonies, observation records and action plans can be confirmed by a witness.");
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>Asks the witness of an earlier request again (a new request, a new link).</summary>
    public async Task<IActionResult> OnPostAskAgainAsync(long id, long requestId, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        return Witnesses.Requests.FirstOrDefault(r => r.Request.Id == requestId) is { } earlier
            ? await AskAsync(id, earlier.Request.Details, ct)
            : NotFound();
    }

    public Task<IActionResult> OnPostResendAsync(long id, long requestId, CancellationToken ct) =>
        ChangeAsync(id, requestId, withdraw: false, "The link has been sent again; the earlier link no longer works.", ct);

    public Task<IActionResult> OnPostWithdrawAsync(long id, long requestId, CancellationToken ct) =>
        ChangeAsync(id, requestId, withdraw: true, "The request has been withdrawn; its link no longer works.", ct);

    async Task<IActionResult> ChangeAsync(long id, long requestId, bool withdraw, string done, CancellationToken ct)
    {
        var person = User.Person();
        switch (await witnesses.ResendOrWithdrawAsync(person.CentreId, person.Id, id, requestId, withdraw, Address, ct))
        {
            case WitnessRequests.Refusal.None:
                TempData["Status"] = done;
                return RedirectToPage("Witness", new { id });
            case WitnessRequests.Refusal.NotWaiting:
                await LoadAsync(id, ct);
                ModelState.AddModelError(string.Empty, "The witness has already answered, or the request was withdrawn.");
                return Page();
            default:
                return NotFound();
        }
    }

    string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.OwnItemAsync(person.CentreId, person.Id, id, ct);
        if (detail is null)
        {
            return false;
        }
        Detail = detail;
        return true;
    }
}
