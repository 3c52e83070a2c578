using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Portfolio.People;

namespace Portfolio.Tests.Pages.Admin;

public sealed class PeopleEditTests(PortfolioApp app) : IClassFixture<PortfolioApp>
{
    [Fact]
    public async Task Changing_name_and_roles_and_deactivating_is_saved_audited_and_ends_their_sign_in()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var person = await app.PersonAsync(centre, Role.Candidate);
        var theirs = await app.SignedInAsync(person);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={person.Id}");
        Assert.True(page.QuerySelector<IHtmlInputElement>("#Details_Active-0")!.IsChecked);

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#details-form")!, new()
        {
            ["Details.DisplayName"] = "Sam Okafor", ["Details.Roles"] = new[] { Role.Assessor, Role.InternalQualityAssurer }, ["Details.Active"] = Array.Empty<string>(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Sam Okafor {assessor,iqa} false", await app.ScalarAsync<string>("SELECT concat_ws(' ', display_name, roles::text, active::text) FROM people WHERE id = @id", new { id = person.Id }));
        Assert.Equal(HttpStatusCode.Redirect, (await theirs.GetAsync("/Portfolio")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'person.updated' AND subject_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task A_save_over_someone_elses_change_is_refused_showing_theirs_and_keeping_yours()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var person = await app.PersonAsync(centre, Role.Candidate);
        var form = (await Html.GetAsync(admin, $"/Admin/People/Edit?id={person.Id}")).QuerySelector<IHtmlFormElement>("#details-form")!;
        await app.ScalarAsync<int>("UPDATE people SET display_name = 'Changed Elsewhere' WHERE id = @id RETURNING 1", new { id = person.Id });

        var page = await Html.ParseAsync(await Html.SubmitAsync(admin, form, new() { ["Details.DisplayName"] = "Mine" }));

        Assert.Contains(Html.Errors(page), e => e.StartsWith("Someone else changed this person while you were editing. They are now: Changed Elsewhere; Candidate; active.", StringComparison.Ordinal));
        Assert.Equal("Mine", page.QuerySelector<IHtmlInputElement>("#Details_DisplayName")!.Value);
        Assert.Equal("Changed Elsewhere", await app.ScalarAsync<string>("SELECT display_name FROM people WHERE id = @id", new { id = person.Id }));
        Assert.Equal(HttpStatusCode.Redirect, (await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#details-form")!)).StatusCode);
        Assert.Equal("Mine", await app.ScalarAsync<string>("SELECT display_name FROM people WHERE id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task Setting_a_new_password_lets_them_sign_in_with_it()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var person = await app.PersonAsync(centre, Role.Assessor);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={person.Id}");

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#password-form")!, new() { ["NewPassword.Password"] = "green lantern harbour" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortfolioApp.SignInAsync(app.Client(), person.Email, "green lantern harbour")).StatusCode);
        Assert.Equal(1, await app.ScalarAsync<int>("SELECT count(*) FROM audit_events WHERE action = 'person.password-set' AND subject_id = @id", new { id = person.Id }));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        var centre = await app.CentreAsync();
        var me = await app.PersonAsync(centre, Role.CentreAdministrator);
        var admin = await app.SignedInAsync(me);
        var page = await Html.GetAsync(admin, $"/Admin/People/Edit?id={me.Id}");

        var response = await Html.SubmitAsync(admin, page.QuerySelector<IHtmlFormElement>("#details-form")!, new() { ["Details.Roles"] = new[] { Role.Assessor } });

        Assert.Contains("You cannot remove your own administrator role or deactivate yourself; ask another administrator", Html.Errors(await Html.ParseAsync(response)));
        Assert.Equal("{admin}", await app.ScalarAsync<string>("SELECT roles::text FROM people WHERE id = @id", new { id = me.Id }));
    }

    [Fact]
    public async Task Another_centres_person_is_not_found_to_view_or_change()
    {
        var centre = await app.CentreAsync();
        var admin = await app.SignedInAsync(await app.PersonAsync(centre, Role.CentreAdministrator));
        var stranger = await app.PersonAsync(await app.CentreAsync("Elsewhere"), Role.Candidate);
        var own = await app.PersonAsync(centre, Role.Candidate);
        var form = (await Html.GetAsync(admin, $"/Admin/People/Edit?id={own.Id}")).QuerySelector<IHtmlFormElement>("#details-form")!;
        form.Action = $"/Admin/People/Edit?id={stranger.Id}&handler=Details";

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/People/Edit?id={stranger.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Html.SubmitAsync(admin, form, new() { ["Details.DisplayName"] = "Taken over" })).StatusCode);
        Assert.Equal(stranger.DisplayName, await app.ScalarAsync<string>("SELECT display_name FROM people WHERE id = @id", new { id = stranger.Id }));
    }
}
