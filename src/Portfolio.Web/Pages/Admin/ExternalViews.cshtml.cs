using Portfolio.Quality;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Admin;

/// <summary>What the centre's external quality assurers opened and when, for centre administrators.</summary>
public sealed class ExternalViewsModel(ExternalAccess access, ExternalViews views) : ExternalViewsPage(access, views)
{
    public override string Address => "/Admin/ExternalViews";

    public override (string Href, string Text) Back => ("/Admin/ExternalAccess", "External quality assurance access");
}
