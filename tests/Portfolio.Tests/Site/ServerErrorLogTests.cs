using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.People;

namespace Portfolio.Tests.Site;

/// <summary>The site with a fault planted in every page handler, fired by a request header.</summary>
public sealed class FaultyApp : LoggedApp
{
    public const string Header = "X-Test-Fault";

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        base.ConfigureHost(builder);
        builder.ConfigureServices(s => s.Configure<RazorPagesOptions>(o => o.Conventions.ConfigureFilter(new Fault())));
    }

    sealed class Fault : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        // The message quotes the input, as some library exceptions do; the log must not repeat it.
        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            if (context.HttpContext.Request.Headers.ContainsKey(Header) && context.ActionDescriptor.ViewEnginePath != "/Error")
            {
                throw new InvalidOperationException("Could not read " + context.HttpContext.Request.Form["Input.Text"]);
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}

public sealed class ServerErrorLogTests(FaultyApp app) : IClassFixture<FaultyApp>
{
    [Fact]
    public async Task A_server_error_is_logged_with_page_handler_and_person_but_never_the_input()
    {
        var centre = await app.CentreAsync();
        var person = await app.PersonAsync(centre, Role.CentreAdministrator);
        var admin = await app.SignedInAsync(person);
        var import = await Pages.Admin.DemoRubric.ImportAsync(app, centre);
        var version = await Html.GetAsync(admin, $"/Admin/Qualifications/Version?id={import.VersionId}");
        var page = await Html.GetAsync(admin, version.QuerySelectorAll("#source-files a")
            .First(a => a.TextContent.Contains(Pages.Admin.DemoRubric.ReviewElement, StringComparison.Ordinal)).GetAttribute("href")!);
        admin.DefaultRequestHeaders.Add(FaultyApp.Header, "1");

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#edit-form")!,
            new() { ["Input.Text"] = "Private note about Sam" }, "#check");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var line = Assert.Single(app.Log.Lines, l => l.Message.StartsWith("500 for ", StringComparison.Ordinal));
        Assert.StartsWith($"500 for POST /Admin/Qualifications/EditElement handler Check person {person.Id}: System.InvalidOperationException",
            line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Log.Lines, l => l.ToString().Contains("Private note about Sam", StringComparison.Ordinal));
    }
}
