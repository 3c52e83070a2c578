using Portfolio.Quality;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Verify;

/// <summary>What the centre's external quality assurers opened and when, for internal quality assurers.</summary>
public sealed class ExternalViewsModel(ExternalAccess access, ExternalViews views) : ExternalViewsPage(access, views)
{
    public override string Address => "/Verify/ExternalViews";

    public override (string Href, string Text) Back => ("/Verify", "Quality assurance");
}
