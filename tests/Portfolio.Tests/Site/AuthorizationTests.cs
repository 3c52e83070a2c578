using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.People;

namespace Portfolio.Tests.Site;

/// <summary>
/// Every Razor Page the app has, against every role and anonymous, from one expectation table.
/// A page added without an entry here fails the test, so nobody forgets to decide who may see it.
/// </summary>
public sealed partial class AuthorizationTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    const string Anyone = "anyone";
    const string SignedIn = "signed-in";

    static readonly Dictionary<string, string> WhoMaySee = new()
    {
        ["/Account/SignIn"] = Anyone,
        ["/Account/ForgotPassword"] = Anyone,
        ["/Account/ChoosePassword"] = Anyone,
        ["/Witness"] = Anyone,
        ["/Admin/Mail"] = Role.CentreAdministrator,
        ["/Error"] = Anyone,
        ["/Index"] = SignedIn,
        ["/Account/SignOut"] = SignedIn,
        ["/Account/ChangePassword"] = SignedIn,
        ["/Account/Data"] = SignedIn,
        ["/Account/Notifications"] = SignedIn,
        ["/Account/Unsubscribe"] = Anyone,
        ["/Admin/People/Erase"] = Role.CentreAdministrator,
        ["/Admin/People/Data"] = Role.CentreAdministrator,
        ["/Admin/Retention/Index"] = Role.CentreAdministrator,
        ["/Admin/Retention/Holds"] = Role.CentreAdministrator,
        ["/Portfolio/Index"] = Role.Candidate,
        ["/Portfolio/Evidence/Create"] = Role.Candidate,
        ["/Portfolio/Evidence/Edit"] = Role.Candidate,
        ["/Portfolio/Evidence/View"] = Role.Candidate,
        ["/Portfolio/Evidence/Submit"] = Role.Candidate,
        ["/Portfolio/Evidence/File"] = Role.Candidate,
        ["/Portfolio/Evidence/Redact"] = Role.Candidate,
        ["/Portfolio/Evidence/Witness"] = Role.Candidate,
        ["/Assess/Redact"] = Role.Assessor,
        ["/Verify/Redact"] = Role.InternalQualityAssurer,
        ["/Assess/Index"] = Role.Assessor,
        ["/Assess/Review"] = Role.Assessor,
        ["/Assess/Candidate"] = Role.Assessor,
        ["/Assess/File"] = Role.Assessor,
        ["/Assess/Search"] = Role.Assessor,
        ["/Assess/Audit"] = Role.Assessor,
        ["/Verify/Search"] = Role.InternalQualityAssurer,
        ["/Verify/Evidence"] = Role.InternalQualityAssurer,
        ["/Verify/File"] = Role.InternalQualityAssurer,
        ["/Verify/Audit"] = Role.InternalQualityAssurer,
        ["/Admin/Audit"] = Role.CentreAdministrator,
        ["/Notifications"] = SignedIn,
        ["/Portfolio/Matrix"] = Role.Candidate,
        ["/Portfolio/Export"] = Role.Candidate,
        ["/Assess/Matrix"] = Role.Assessor,
        ["/Verify/Matrix"] = Role.InternalQualityAssurer,
        ["/Verify/Cohort"] = Role.InternalQualityAssurer,
        ["/Admin/Cohort"] = Role.CentreAdministrator,
        ["/Admin/PortfolioExport"] = Role.CentreAdministrator,
        ["/Verify/Index"] = Role.InternalQualityAssurer,
        ["/Admin/Index"] = Role.CentreAdministrator,
        ["/Admin/People/Index"] = Role.CentreAdministrator,
        ["/Admin/People/Create"] = Role.CentreAdministrator,
        ["/Admin/People/Edit"] = Role.CentreAdministrator,
        ["/Admin/Qualifications/Index"] = Role.CentreAdministrator,
        ["/Admin/Qualifications/Version"] = Role.CentreAdministrator,
        ["/Admin/Qualifications/Upload"] = Role.CentreAdministrator,
        ["/Admin/Qualifications/CasePreview"] = Role.CentreAdministrator,
        ["/Admin/Qualifications/EditElement"] = Role.CentreAdministrator,
        ["/Admin/Enrolments/Index"] = Role.CentreAdministrator,
        ["/Admin/Enrolments/Create"] = Role.CentreAdministrator,
        ["/Admin/Enrolments/Move"] = Role.CentreAdministrator,
        ["/Admin/Enrolments/Hours"] = Role.CentreAdministrator,
        ["/Assess/Hours"] = Role.Assessor,
        ["/Assess/HoursPlan"] = Role.Assessor,
        ["/Portfolio/Hours/Index"] = Role.Candidate,
        ["/Portfolio/Hours/Entry"] = Role.Candidate,
        ["/Portfolio/Hours/Import"] = Role.Candidate,
        ["/External/Index"] = Role.ExternalQualityAssurer,
        ["/External/Sample"] = Role.ExternalQualityAssurer,
        ["/External/Candidate"] = Role.ExternalQualityAssurer,
        ["/External/Evidence"] = Role.ExternalQualityAssurer,
        ["/External/File"] = Role.ExternalQualityAssurer,
        ["/External/Report"] = Role.ExternalQualityAssurer,
        ["/Verify/Plan"] = Role.InternalQualityAssurer,
        ["/Verify/Sample"] = Role.InternalQualityAssurer,
        ["/Verify/SampleRecord"] = Role.InternalQualityAssurer,
        ["/Verify/Report"] = Role.InternalQualityAssurer,
        ["/Assess/Samples"] = Role.Assessor,
        ["/Admin/ExternalAccess"] = Role.CentreAdministrator,
        ["/Admin/ExternalViews"] = Role.CentreAdministrator,
        ["/Verify/ExternalViews"] = Role.InternalQualityAssurer,
        ["/Admin/Suggestions"] = Role.CentreAdministrator,
        ["/Verify/Suggestions"] = Role.InternalQualityAssurer,
    };

    [Fact]
    public async Task Every_page_answers_each_role_and_anonymous_as_the_table_says()
    {
        var pages = PageUrls();
        var missing = pages.Keys.Where(p => !WhoMaySee.ContainsKey(p)).ToList();
        Assert.True(missing.Count == 0, "Pages with no entry in the authorization table: " + string.Join(", ", missing));
        var centre = await app.CentreAsync();
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = app.Client() };
        foreach (var role in Role.All)
        {
            clients[role] = await app.SignedInAsync(await app.PersonAsync(centre, role));
        }
        var wrong = new List<string>();
        foreach (var (page, url) in pages)
        {
            foreach (var (who, client) in clients)
            {
                var allowed = WhoMaySee[page] switch
                {
                    Anyone => true,
                    SignedIn => who != "anonymous",
                    var role => who == role,
                };
                var response = await client.GetAsync(url);
                var toSignIn = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/SignIn", StringComparison.Ordinal);
                var refused = toSignIn || response.StatusCode == HttpStatusCode.Forbidden;
                var expectedRefusal = who == "anonymous" ? toSignIn : response.StatusCode == HttpStatusCode.Forbidden;
                if (allowed == refused || (!allowed && !expectedRefusal))
                {
                    wrong.Add($"{url} as {who}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }
        Assert.True(wrong.Count == 0, "Unexpected answers:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public async Task The_load_test_baseline_page_is_not_found_outside_the_Benchmark_environment()
    {
        // Signed in, since an unknown address sends an anonymous visitor to sign in first, like any other.
        var client = await app.SignedInAsync(await app.PersonAsync(await app.CentreAsync(), Role.CentreAdministrator));

        var response = await client.GetAsync("/Benchmark/Fortunes");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    /// <summary>Each page's route with parameters filled in (ids that do not exist, optional parts left out).</summary>
    Dictionary<string, string> PageUrls()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>()?.ViewEnginePath, Pattern: e.RoutePattern.RawText ?? ""))
            .Where(e => e.Page is not null)
            .GroupBy(e => e.Page!)
            .ToDictionary(g => g.Key, g => "/" + Parameter().Replace(g.OrderByDescending(e => e.Pattern.Length).First().Pattern, m => m.Value.Contains('?') ? "" : "999999").TrimEnd('/'));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
