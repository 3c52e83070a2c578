using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.Portfolio;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
