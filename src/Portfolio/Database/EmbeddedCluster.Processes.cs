using System.Diagnostics;

namespace Portfolio.Database;

/// <summary>Running the server programs: as the postgres system user when this process is root.</summary>
public sealed partial class EmbeddedCluster
{
    async Task GiveToServiceUserAsync(CancellationToken ct)
    {
        if (asServiceUser)
        {
            await RunToEndAsync("chown", ["-R", $"{ServiceUser}:{ServiceUser}", DataFolder], ct, direct: true);
        }
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            File.SetUnixFileMode(DataFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    ProcessStartInfo Launcher(string program, IEnumerable<string> args, bool direct = false)
    {
        var info = new ProcessStartInfo { UseShellExecute = false, RedirectStandardOutput = false, RedirectStandardError = false };
        if (asServiceUser && !direct)
        {
            info.FileName = "runuser";
            info.ArgumentList.Add("-u");
            info.ArgumentList.Add(ServiceUser);
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }
        return info;
    }

    async Task RunToEndAsync(string program, IEnumerable<string> args, CancellationToken ct, bool direct = false)
    {
        var info = Launcher(program, args, direct);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var p = Process.Start(info) ?? throw new EmbeddedClusterException($"Could not run {program}.");
        var output = p.StandardOutput.ReadToEndAsync(ct);
        var error = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        if (p.ExitCode != 0)
        {
            throw new EmbeddedClusterException($"{Path.GetFileName(program)} failed ({p.ExitCode}): {await error}{await output}");
        }
    }
}
