using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Portfolio.People;

namespace Portfolio.Web.Account;

/// <summary>Turns a signed-in person into a cookie principal and back; the session is checked on every request (in the database, or kept by SessionCache for page views).</summary>
public static class PersonPrincipal
{
    const string CentreClaim = "centre";
    const string SessionClaim = "session";
    const string EmailClaim = "email";

    public static ClaimsPrincipal From(SignedInPerson person)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, person.Id.ToString(CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, person.DisplayName),
            new(EmailClaim, person.Email),
            new(CentreClaim, person.CentreId.ToString(CultureInfo.InvariantCulture)),
            new(SessionClaim, person.SessionId.ToString()),
        };
        claims.AddRange(person.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>The signed-in person of this request. Only call on pages that require sign-in.</summary>
    public static SignedInPerson Person(this ClaimsPrincipal user) => TryPerson(user)
        ?? throw new InvalidOperationException("No one is signed in.");

    public static SignedInPerson? TryPerson(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || !Guid.TryParse(user.FindFirstValue(SessionClaim), out var session))
        {
            return null;
        }
        return new SignedInPerson(
            long.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture),
            long.Parse(user.FindFirstValue(CentreClaim)!, CultureInfo.InvariantCulture),
            user.FindFirstValue(EmailClaim) ?? "",
            user.FindFirstValue(ClaimTypes.Name) ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            session);
    }

    /// <summary>
    /// Rejects a cookie whose session was ended (signed out, password changed, person deactivated), refreshes roles,
    /// and keeps the unread-notification count read with the session for the page header.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claimed = context.Principal?.TryPerson();
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionCache>();
        var mustRead = SessionCache.MustCheckDatabase(context.HttpContext.Request);
        LiveSession? session;
        try
        {
            session = claimed is null ? null : await sessions.CurrentAsync(claimed.SessionId, mustRead, context.HttpContext.RequestAborted);
        }
        catch (Exception e) when (Hosting.DatabaseOutage.Is(e))
        {
            // The cookie handler caches this result for the request, error page included, so the outage is recorded here
            // and raised after authentication (Hosting.DatabaseOutage.RaiseIfRecorded); the cookie is kept for later.
            Hosting.DatabaseOutage.Record(context.HttpContext);
            context.RejectPrincipal();
            return;
        }
        if (session is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }
        RequestSession.Remember(context.HttpContext, session);
        var current = session.Person;
        if (!current.Roles.Order().SequenceEqual(claimed!.Roles.Order()) || current.DisplayName != claimed.DisplayName)
        {
            context.ReplacePrincipal(From(current));
            context.ShouldRenew = true;
        }
    }
}
