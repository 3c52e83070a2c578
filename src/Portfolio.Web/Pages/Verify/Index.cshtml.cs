using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.Verify;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
