using Dapper;
using Portfolio.Web.Commands;

namespace Portfolio.Tests.Commands;

/// <summary>The deployment and rubric commands, run in-process with the same arguments a person would type.</summary>
public sealed class CommandLineTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    static readonly Portfolio.Web.Hosting.RepositoryPaths Paths = new(RepositoryPaths.Root);

    [Fact]
    public async Task Validate_exits_0_for_the_shipped_rubric_and_1_with_file_and_line_for_a_broken_copy()
    {
        var broken = Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-rubric-{Guid.NewGuid():N}");
        Directory.CreateDirectory(broken);
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")))
        {
            File.Copy(file, Path.Combine(broken, Path.GetFileName(file)));
        }
        var element = Directory.GetFiles(broken, "1.1*.md").Single();
        await File.WriteAllTextAsync(element, (await File.ReadAllTextAsync(element)).Replace("**1.1.2**", "**1.1.1**", StringComparison.Ordinal));
        var output = new StringWriter();
        var standardOut = Console.Out;
        int good, bad;
        try
        {
            Console.SetOut(output);
            good = await CommandLine.RunAsync(["validate", Path.Combine(RepositoryPaths.Rubrics, "career-guidance-practice")], Paths);
            bad = await CommandLine.RunAsync(["validate", broken], Paths);
        }
        finally
        {
            Console.SetOut(standardOut);
            Directory.Delete(broken, recursive: true);
        }

        Assert.Equal(0, good);
        Assert.Equal(1, bad);
        Assert.Matches(@"1\.1-[a-z-]+\.md:\d+: duplicate marking point id '1\.1\.1'", output.ToString());
    }

    [Fact]
    public async Task Create_centre_makes_a_centre_and_its_administrator_with_the_password_from_the_environment()
    {
        Environment.SetEnvironmentVariable("PORTFOLIO_ADMIN_PASSWORD", "sturdy lantern harbour");
        try
        {
            var exit = await CommandLine.RunAsync(["create-centre", "--name", "Hillside Careers", "--admin-email", "Sam@Hillside.example",
                "--admin-name", "Sam Rivers", $"--ConnectionStrings:Portfolio={db.ConnectionString}"], Paths);

            Assert.Equal(0, exit);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PORTFOLIO_ADMIN_PASSWORD", null);
        }
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var admin = await conn.QuerySingleAsync<(string Email, string[] Roles, string Centre)>(
            "SELECT p.email, p.roles, c.name FROM people p JOIN centres c ON c.id = p.centre_id WHERE p.email = 'sam@hillside.example'");
        Assert.Equal(["admin"], admin.Roles);
        Assert.Equal("Hillside Careers", admin.Centre);
        Assert.True(Portfolio.People.Passwords.Verify(
            await conn.ExecuteScalarAsync<string>("SELECT password_hash FROM people WHERE email = 'sam@hillside.example'") ?? "", "sturdy lantern harbour").Matches);
    }

    [Fact]
    public async Task Validate_reports_a_marking_point_written_without_its_dash_and_exits_1()
    {
        var folder = Temporary();
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "qualification.md"), Rubrics.RubricBuilder.QualificationText);
        File.WriteAllText(Path.Combine(folder, "1.1.md"), Rubrics.RubricBuilder.ElementText + "\n\n**1.1.3** Third point, no dash.");

        var (exit, output, errors) = await RunAsync("validate", folder);

        Assert.Equal(1, exit);
        Assert.Contains("1.1.md:16: '**1.1.3** Third point, no dash.' is not a marking point", output, StringComparison.Ordinal);
        Assert.DoesNotContain("No problems", output, StringComparison.Ordinal);
        Assert.Contains("nothing would be imported", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Convert_refuses_a_document_without_examiner_marking_points_and_exits_1()
    {
        var file = Temporary() + ".txt";
        File.WriteAllText(file, "Topic Synopsis\nA short synopsis.\n\nKey Concepts\n- One idea\n");

        var (exit, output, errors) = await RunAsync("convert", file, "--element", "1.3");

        Assert.Equal(1, exit);
        Assert.Empty(output);
        Assert.Contains("no examiner marking points", errors, StringComparison.Ordinal);
    }

    static string Temporary() =>
        Path.Combine(Path.GetTempPath(), "portfolio-tests", $"{Environment.ProcessId}-command-{Guid.NewGuid():N}");

    static async Task<(int Exit, string Output, string Errors)> RunAsync(params string[] args)
    {
        var (output, errors) = (new StringWriter(), new StringWriter());
        var (standardOut, standardError) = (Console.Out, Console.Error);
        try
        {
            Console.SetOut(output);
            Console.SetError(errors);
            var exit = await CommandLine.RunAsync(args, Paths);
            return (exit, output.ToString(), errors.ToString());
        }
        finally
        {
            Console.SetOut(standardOut);
            Console.SetError(standardError);
        }
    }
}
