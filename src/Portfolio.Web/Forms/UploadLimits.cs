namespace Portfolio.Web.Forms;

/// <summary>Upload limits from the "Uploads" settings: the largest single file and each candidate's total.</summary>
public sealed class UploadLimits
{
    public long MaxFileBytes { get; set; } = 50L * 1024 * 1024;
    public long QuotaBytesPerCandidate { get; set; } = 1024L * 1024 * 1024;
}
