using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.External;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
