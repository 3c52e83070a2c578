namespace Portfolio.Database;

/// <summary>Finds the PostgreSQL server programs (initdb, postgres) on this machine.</summary>
public static class PostgresBinaries
{
    public const string InstallHint =
        "PostgreSQL server binaries were not found. Install them (Debian/Ubuntu: apt-get install -y postgresql), " +
        "point Database:PostgresBin at the folder holding initdb and postgres, " +
        "or set ConnectionStrings:Portfolio to use an existing PostgreSQL server.";

    /// <summary>The configured folder if given, else the newest /usr/lib/postgresql/N/bin, else the PATH.</summary>
    public static string? Find(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasServer(configured) ? configured : null;
        }
        var debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            var newest = Directory.GetDirectories(debian)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => HasServer(d.Dir))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(HasServer);
    }

    /// <summary>The bin folder of an installed PostgreSQL major version (Debian's layout), or null.</summary>
    public static string? OfVersion(int major)
    {
        var dir = $"/usr/lib/postgresql/{major}/bin";
        return HasServer(dir) ? dir : null;
    }

    /// <summary>The major version that made a cluster folder (its PG_VERSION file), or null when there is none.</summary>
    public static int? FolderVersion(string dataFolder)
    {
        var file = Path.Combine(dataFolder, "PG_VERSION");
        return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var major) ? major : null;
    }

    /// <summary>The major version of the server programs in a bin folder, from `postgres --version`.</summary>
    public static async Task<int> MajorVersionAsync(string bin, CancellationToken ct = default)
    {
        var info = new System.Diagnostics.ProcessStartInfo(Path.Combine(bin, "postgres"), "--version")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = System.Diagnostics.Process.Start(info)
            ?? throw new EmbeddedClusterException($"Could not run {Path.Combine(bin, "postgres")}.");
        var output = await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        // "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"
        var version = output.Split(") ", 2) is [_, var rest] ? rest.Split('.', ' ')[0] : "";
        return int.TryParse(version, out var major)
            ? major
            : throw new EmbeddedClusterException($"Could not tell the version of {bin}/postgres: {output.Trim()}");
    }

    static bool HasServer(string dir) =>
        File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "postgres"));
}
