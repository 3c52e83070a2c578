using System.Text;
using Portfolio.Rubrics;

namespace Portfolio.Web.Forms;

/// <summary>
/// Turns an uploaded file into rubric files to import: a zip of a rubric folder, one element's Markdown file
/// (applied on top of a version's files) or a CASE 1.1 JSON package (written out as rubric files).
/// </summary>
public static class RubricUpload
{
    public const string Accept = ".zip,.md,.json,.csv,.xlsx";

    /// <summary>
    /// Reads the upload. <paramref name="filesToPatch"/> gives the files a single element file is applied to,
    /// or null when none was chosen.
    /// </summary>
    public static async Task<RubricArchiveRead> ReadAsync(IFormFile? upload, Func<CancellationToken, Task<IReadOnlyList<RubricFile>?>> filesToPatch, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            return Refused("upload", "choose a .zip of a rubric folder, an element .md file or a CASE .json file");
        }
        var name = Path.GetFileName(upload.FileName);
        if (upload.Length > RubricArchive.MaximumTotalBytes)
        {
            return Refused(name, $"the file is larger than {RubricArchive.MaximumTotalBytes / 1024 / 1024} MB; a rubric is a few small Markdown files");
        }
        using var content = new MemoryStream();
        await upload.CopyToAsync(content, ct);
        content.Position = 0;
        switch (Path.GetExtension(name).ToLowerInvariant())
        {
            case ".zip":
                return RubricArchive.Read(content, name);
            case ".md":
                var element = new RubricFile(name, content.ToArray());
                return await filesToPatch(ct) is { } files
                    ? new(RubricEdit.Replace(files, element), [])
                    : Refused(name, "choose the qualification this element belongs to: it is applied to that qualification's newest version");
            default:
                return Refused(name, "the file must be a .zip, .md or .json file");
        }
    }

    /// <summary>A CASE package goes to a preview before anything is imported.</summary>
    public static bool IsCasePackage(IFormFile? upload) =>
        upload is not null && Path.GetExtension(upload.FileName).Equals(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of an uploaded CASE package, checked to be one, or the problem that stops it.</summary>
    public static async Task<(string? Json, RubricArchiveRead Read)> ReadCaseAsync(IFormFile upload,
        CancellationToken ct)
    {
        var name = Path.GetFileName(upload.FileName);
        if (SizeProblem(upload) is { } problem)
        {
            return (null, new([], [problem]));
        }
        using var reader = new StreamReader(upload.OpenReadStream(), Encoding.UTF8);
        var json = await reader.ReadToEndAsync(ct);
        try
        {
            CasePackage.Read(json);
            return (json, new([], []));
        }
        catch (FormatException ex)
        {
            return (null, Refused(name, ex.Message));
        }
    }

    /// <summary>An uploaded file that is empty or larger than any rubric upload may be; null when its size is fine.
    /// </summary>
    public static RubricProblem? SizeProblem(IFormFile upload) =>
        upload.Length == 0 ? new(Path.GetFileName(upload.FileName), 0, "the file is empty")
        : upload.Length > RubricArchive.MaximumTotalBytes ? new(Path.GetFileName(upload.FileName), 0,
            $"the file is larger than {RubricArchive.MaximumTotalBytes / 1024 / 1024} MB")
        : null;

    static RubricArchiveRead Refused(string file, string message) => new([], [new RubricProblem(file, 0, message)]);
}
