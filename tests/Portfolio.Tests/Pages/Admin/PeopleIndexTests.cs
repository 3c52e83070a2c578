using Dapper;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class PeopleIndexTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task People_are_listed_a_page_at_a_time_found_by_name_or_email_and_filtered_by_role_and_status()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        await using (var conn = await app.DataSource.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("""
                INSERT INTO people (centre_id, email, display_name, password_hash, roles, active)
                SELECT @centre, 'trainee' || n || '@people.test', 'Trainee ' || lpad(n::text, 2, '0'), 'x', ARRAY['candidate'], n <> 7
                FROM generate_series(1, 52) n
                """, new { centre });
        }

        var first = await Html.GetAsync(admin, "/Admin/People?Name=trainee");
        var second = await Html.GetAsync(admin, first.QuerySelector("#next-page")!.GetAttribute("href")!);
        var inactive = await Html.GetAsync(admin, "/Admin/People?Status=inactive");
        var byEmail = await Html.GetAsync(admin, "/Admin/People?Name=people.test&Role=candidate&Sort=email");
        var nobody = await Html.GetAsync(admin, "/Admin/People?Name=trainee&Role=assessor");

        Assert.Contains("52 people, 1 to 50 shown", first.QuerySelector("#people-total")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(50, first.QuerySelectorAll("#people tbody tr").Length);
        Assert.Equal(2, second.QuerySelectorAll("#people tbody tr").Length);
        Assert.Equal(["Trainee 07"], inactive.QuerySelectorAll("#people tbody tr td:first-child").Select(td => td.TextContent.Trim()));
        Assert.Equal("trainee10@people.test", byEmail.QuerySelector("#people tbody tr td:nth-child(2)")!.TextContent);
        Assert.NotNull(nobody.QuerySelector("#no-people"));
    }
}
