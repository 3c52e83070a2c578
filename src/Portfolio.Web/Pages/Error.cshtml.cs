using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages;

/// <summary>The site's own page for every error status and unhandled exception; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(ILogger<ErrorModel> log) : PageModel
{
    public int Status { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    IActionResult Show(int? code)
    {
        // A re-executed POST whose form could not be read binds no code: take it from the original answer. A form
        // refused because its body passed the size limit is a file too large, not a bad request.
        code ??= HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode;
        var forms = HttpContext.RequestServices.GetRequiredService<
            Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Features.FormOptions>>();
        if (code == StatusCodes.Status400BadRequest && Request.ContentLength > forms.Value.MultipartBodyLengthLimit)
        {
            code = StatusCodes.Status413PayloadTooLarge;
        }
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        Status = exception is not null
            ? (Hosting.DatabaseOutage.Is(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError)
            : code is >= 400 and < 600 ? code.Value : StatusCodes.Status404NotFound;
        Response.StatusCode = Status;
        if (Status >= 500)
        {
            Hosting.ServerErrors.Log(log, HttpContext, Status);
        }
        if (Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "10";
        }
        return Page();
    }

    public (string Title, string Text) Message => Status switch
    {
        404 => ("Page not found", "The page or record you asked for is not here, or is not yours to see. Check the address, or go back to your home page."),
        403 => ("You do not have access to this page", "Your roles do not open this part of Portfolio. If you need access, ask your centre administrator."),
        429 => ("Too many attempts", "There have been too many attempts in a short time. Wait a minute and try again."),
        503 => ("Portfolio is unavailable for a moment", "The database is not answering. Nothing you saved has been lost; try again in a few seconds."),
        413 => ("That file is too large", "The file is bigger than Portfolio accepts. Make it smaller (for example, scan at a lower resolution) or split it, and try again."),
        400 => ("Something in that request was not right", "The form may have expired. Go back, reload the page and try again."),
        _ => ("Sorry, something went wrong", "The problem has been logged. Try again, and if it keeps happening tell your centre administrator."),
    };
}
