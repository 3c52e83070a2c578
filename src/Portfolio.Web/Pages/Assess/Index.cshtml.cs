using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.Assess;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
