using System.IO.Compression;

namespace Portfolio.Rubrics;

/// <summary>What was read from a rubric zip: the files, or the problems that stopped the reading.</summary>
public sealed record RubricArchiveRead(IReadOnlyList<RubricFile> Files, IReadOnlyList<RubricProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Rubric folders as zip files: reads an upload (bounded in size and entries, refusing entry names that
/// climb out of the folder) and writes a version's source files for download.
/// </summary>
public static class RubricArchive
{
    public const long MaximumTotalBytes = 5 * 1024 * 1024;
    public const int MaximumEntries = 200;

    /// <summary>Reads every file of the zip. A single top folder (as "Compress folder" makes) is stripped from the paths.</summary>
    public static RubricArchiveRead Read(Stream zip, string archiveName)
    {
        var problems = new List<RubricProblem>();
        var files = new List<RubricFile>();
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            var entries = archive.Entries.Where(e => !e.FullName.EndsWith('/')).ToList();
            if (entries.Count > MaximumEntries)
            {
                return Refused(archiveName, $"the zip holds {entries.Count} files; a rubric may have at most {MaximumEntries}");
            }
            long total = 0;
            foreach (var entry in entries)
            {
                var name = entry.FullName.Replace('\\', '/');
                if (Unsafe(name))
                {
                    problems.Add(new(archiveName, 0, $"the entry '{entry.FullName}' points outside the rubric folder; zip the folder itself, with plain relative names"));
                    continue;
                }
                total += entry.Length;
                if (total > MaximumTotalBytes)
                {
                    return Refused(archiveName, $"the zip unpacks to more than {MaximumTotalBytes / 1024 / 1024} MB; a rubric is a few small Markdown files");
                }
                files.Add(new RubricFile(name, ReadBounded(entry)));
            }
        }
        catch (InvalidDataException)
        {
            return Refused(archiveName, "the file is not a zip archive that can be read");
        }
        if (problems.Count > 0)
        {
            return new([], problems);
        }
        if (files.Count == 0)
        {
            return Refused(archiveName, "the zip is empty");
        }
        return new(StripTopFolder(files), []);
    }

    /// <summary>Writes the files as a zip, in path order.</summary>
    public static void Write(IEnumerable<RubricFile> files, Stream destination)
    {
        using var archive = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            using var stream = archive.CreateEntry(file.Path, CompressionLevel.Optimal).Open();
            stream.Write(file.Content);
        }
    }

    static RubricArchiveRead Refused(string archiveName, string message) => new([], [new RubricProblem(archiveName, 0, message)]);

    static bool Unsafe(string name) =>
        name.StartsWith('/') || name.Contains(':', StringComparison.Ordinal) || name.Split('/').Any(part => part == "..");

    // The declared length of an entry can lie; never read more than the limit allows.
    static byte[] ReadBounded(ZipArchiveEntry entry)
    {
        using var source = entry.Open();
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            copy.Write(buffer, 0, read);
            if (copy.Length > MaximumTotalBytes)
            {
                throw new InvalidDataException("The entry is larger than a rubric may be.");
            }
        }
        return copy.ToArray();
    }

    static List<RubricFile> StripTopFolder(List<RubricFile> files)
    {
        var tops = files.Select(f => f.Path.Split('/')).ToList();
        if (tops.All(parts => parts.Length > 1) && tops.Select(parts => parts[0]).Distinct(StringComparer.Ordinal).Count() == 1)
        {
            return files.Select(f => f with { Path = f.Path[(f.Path.IndexOf('/', StringComparison.Ordinal) + 1)..] }).ToList();
        }
        return files;
    }
}
