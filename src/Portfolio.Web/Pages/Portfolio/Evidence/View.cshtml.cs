using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Storage;
using Portfolio.Suggestions;
using Portfolio.Text;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Portfolio.Evidence;

/// <summary>One revision of the candidate's item: the text with its annotations, files, mappings and advice; forms to annotate, map and upload.</summary>
[KeptPage]
public sealed partial class ViewModel(EvidenceStore evidence, RubricStore rubrics, FileStore files, AssessmentStore assessment, IOptions<UploadLimits> limits, ILogger<ViewModel> log,
    SuggestionStore suggestions) : PageModel
{
    readonly SuggestionStore suggestionStore = suggestions;

    public sealed class AnnotationInput
    {
        public string? Quote { get; set; }
        public int? Start { get; set; }
        public int? End { get; set; }
        public string? FileSha256 { get; set; }
        public decimal? X { get; set; }
        public decimal? Y { get; set; }
        public decimal? Width { get; set; }
        public decimal? Height { get; set; }
        public string? Comment { get; set; }
        public List<long> PointIds { get; set; } = [];
    }

    public sealed class MappingInput
    {
        public long? PointId { get; set; }
        public string? Rationale { get; set; }
        public long? AnnotationId { get; set; }
    }

    [BindProperty]
    public AnnotationInput Annotation { get; set; } = new();

    [BindProperty]
    public MappingInput Mapping { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;
    public EvidenceAdvice Advice { get; private set; } = null!;
    public IReadOnlyList<StoredMarkingPoint> Points { get; private set; } = [];
    public long MaxFileBytes => limits.Value.MaxFileBytes;

    public async Task<IActionResult> OnGetAsync(long id, int? revision, CancellationToken ct) =>
        await LoadAsync(id, revision, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnnotateAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }
        var person = User.Person();
        var (anchor, region, problem) = Target();
        if (problem is not null)
        {
            ModelState.AddModelError("Annotation.Quote", problem);
        }
        if (string.IsNullOrWhiteSpace(Annotation.Comment) && Annotation.PointIds.Count == 0)
        {
            ModelState.AddModelError("Annotation.Comment", "Add a comment or choose the marking points this passage shows");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var (refusal, _) = await evidence.AnnotateAsync(person.CentreId, person.Id, id,
            new EvidenceStore.NewAnnotation(anchor, Annotation.FileSha256, region, Annotation.Comment ?? "", Annotation.PointIds), ct);
        return Outcome(refusal, "Annotation.PointIds", Annotation.PointIds.Count > 0
            ? "Your annotation has been added and the marking points it shows are claimed for this evidence."
            : "Your annotation has been added.", id);
    }

    /// <summary>The passage or region the form names: a selection's offsets when they match, else the quoted words.</summary>
    (AnnotationAnchor? Anchor, decimal[]? Region, string? Problem) Target()
    {
        if (Annotation.FileSha256 is { Length: > 0 } sha && Detail.Files.FirstOrDefault(f => f.Sha256 == sha) is { } file)
        {
            if (file.IsPicture)
            {
                decimal?[] box = [Annotation.X, Annotation.Y, Annotation.Width, Annotation.Height];
                return box.All(v => v is >= 0 and <= 100) && Annotation.Width > 0 && Annotation.Height > 0 && Annotation.X + Annotation.Width <= 100.0001m && Annotation.Y + Annotation.Height <= 100.0001m
                    ? (null, box.Select(v => v!.Value).ToArray(), null)
                    : (null, null, "Give the region as left, top, width and height in percent of the picture (0 to 100)");
            }
            return Anchor(file.ExtractedText ?? "");
        }
        if (Annotation.FileSha256 is { Length: > 0 })
        {
            return (null, null, "Choose one of this revision's files");
        }
        return Anchor(Detail.Revision.Text);
    }

    (AnnotationAnchor?, decimal[]?, string?) Anchor(string text)
    {
        if (string.IsNullOrWhiteSpace(Annotation.Quote))
        {
            return (null, null, "Select a passage, or copy the words you want to annotate into the quote box");
        }
        if (Annotation.Start is { } s && Annotation.End is { } e && s >= 0 && e <= text.Length && s < e
            && (text[s..e] == Annotation.Quote || MarkdownRenderer.ShowsAs(text[s..e], Annotation.Quote)))
        {
            return (AnnotationAnchor.Create(text, s, e), null, null);
        }
        var lookup = AnnotationAnchor.FromQuote(text, Annotation.Quote);
        return lookup.IsFound ? (lookup.Anchor, null, null) : (null, null, "Those words are not in the text: copy them exactly as they appear");
    }

    public async Task<IActionResult> OnPostDeleteAnnotationAsync(long id, long annotationId, CancellationToken ct)
    {
        var person = User.Person();
        return Outcome(await evidence.DeleteAnnotationAsync(person.CentreId, person.Id, id, annotationId, ct), "",
            "The annotation has been removed. Marking points claimed only through it are no longer claimed, "
            + "unless your assessor has judged them.", id);
    }

    public async Task<IActionResult> OnPostMapAsync(long id, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }
        if (Mapping.PointId is null)
        {
            ModelState.AddModelError("Mapping.PointId", "Choose the marking point this evidence shows");
            return Page();
        }
        var person = User.Person();
        var refusal = await evidence.MapAsync(person.CentreId, person.Id, id, Mapping.PointId.Value, Mapping.Rationale ?? "", Mapping.AnnotationId, ct);
        return Outcome(refusal, "Mapping.PointId", "The marking point has been mapped.", id);
    }

    public async Task<IActionResult> OnPostUnmapAsync(long id, long mappingId, CancellationToken ct)
    {
        var person = User.Person();
        return Outcome(await evidence.UnmapAsync(person.CentreId, person.Id, id, mappingId, ct), "",
            "The marking point is no longer claimed, and no annotation of this evidence names it.", id);
    }

    /// <param name="camera">The file came from the take-a-photo form: a refusal is shown at that field.</param>
    public async Task<IActionResult> OnPostUploadAsync(long id, IFormFile? upload, bool camera, CancellationToken ct)
    {
        if (!await LoadAsync(id, null, ct))
        {
            return NotFound();
        }
        var person = User.Person();
        var problem = await UploadAsync(person, id, upload, ct);
        if (problem is not null)
        {
            ModelState.AddModelError(camera ? "photo" : "upload", problem);
            return Page();
        }
        TempData["Status"] = $"{UploadFileName.Sanitise(upload!.FileName)} has been uploaded.";
        return RedirectToPage("View", new { id });
    }

    async Task<string?> UploadAsync(global::Portfolio.People.SignedInPerson person, long id, IFormFile? upload, CancellationToken ct)
    {
        if (upload is null || upload.Length == 0)
        {
            return "Choose a file to upload; the file you chose is empty";
        }
        if (!Detail.IsEditable)
        {
            return "This revision has been submitted. Start a new revision to add files.";
        }
        var used = await evidence.BytesUsedAsync(person.Id, ct);
        if (used + upload.Length > limits.Value.QuotaBytesPerCandidate)
        {
            return $"This file would take you over your storage allowance of {Sizes.Describe(limits.Value.QuotaBytesPerCandidate)} ({Sizes.Describe(used)} used). Remove files you no longer need, or ask your centre.";
        }
        var name = UploadFileName.Sanitise(upload.FileName);
        await using var stream = upload.OpenReadStream();
        var saved = await files.SaveAsync(stream, limits.Value.MaxFileBytes, ct, name);
        if (!saved.IsStored)
        {
            if (saved.Rejected!.Fault is { } fault)
            {
                log.LogError(fault, "An upload of {Bytes} bytes to evidence item {ItemId} could not be written to the file store at {Folder}; nothing was attached",
                    upload.Length, id, files.Root);
            }
            return saved.Rejected.Message;
        }
        if (saved.File!.Type.IsPicture)
        {
            files.MakeDisplayCopy(saved.File.Sha256);
        }
        ExtractedText? extracted = null;
        if (saved.File.Type.HasText)
        {
            await using var content = files.OpenRead(saved.File.Sha256)!;
            extracted = TextExtractor.Extract(content, saved.File.Type);
        }
        var (refusal, _) = await evidence.AttachAsync(person.CentreId, person.Id, id, saved.File, name, extracted?.Text, ct);
        return refusal == EvidenceRefusal.None ? null : "The file could not be attached: this revision is no longer a draft.";
    }

    /// <summary>The returned review of the revision shown, with its judgements; nothing while the assessor is still working.</summary>
    public Review? Review { get; private set; }
    public IReadOnlyList<Judgement> Judgements { get; private set; } = [];

    [BindProperty]
    public string? Answer { get; set; }

    public EvidenceDisplay Display => new(Detail, Detail.IsEditable, "/Portfolio/Evidence/File");

    public async Task<IActionResult> OnPostReviseAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        switch (await evidence.ReviseAsync(person.CentreId, person.Id, id, ct))
        {
            case EvidenceRefusal.NotFound:
                return NotFound();
            case EvidenceRefusal.AwaitingAssessment:
                await LoadAsync(id, null, ct);
                ModelState.AddModelError(string.Empty, "Your assessor has not returned this revision yet. You can start a new revision once you have their feedback.");
                return Page();
            default:
                return RedirectToPage("Edit", new { id });
        }
    }

    public async Task<IActionResult> OnPostRespondAsync(long id, int revision, CancellationToken ct)
    {
        if (!await LoadAsync(id, revision, ct))
        {
            return NotFound();
        }
        if (string.IsNullOrWhiteSpace(Answer))
        {
            ModelState.AddModelError(nameof(Answer), "Write your answer to the feedback");
            return Page();
        }
        var person = User.Person();
        return await assessment.RespondAsync(person.CentreId, person.Id, id, revision, Answer, ct) == AssessmentRefusal.None
            ? Outcome(EvidenceRefusal.None, "", "Your answer has been sent to your assessor.", id)
            : NotFound();
    }

    IActionResult Outcome(EvidenceRefusal refusal, string field, string done, long id)
    {
        switch (refusal)
        {
            case EvidenceRefusal.None:
                TempData["Status"] = done;
                return RedirectToPage("View", new { id });
            case EvidenceRefusal.UnknownMarkingPoint:
                ModelState.AddModelError(field, "Choose marking points from your own qualification");
                return Page();
            default:
                return NotFound();
        }
    }

    async Task<bool> LoadAsync(long id, int? revision, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.GetAsync(person.CentreId, person.Id, id, revision, ct: ct);
        if (detail is null || detail.CandidateId != person.Id)
        {
            return false;
        }
        Detail = detail;
        Points = await rubrics.PointsAsync(detail.RubricVersionId, ct);
        // The candidate sees feedback once it is returned, not while the assessor is still writing it.
        Review = detail.ReviewOf(detail.Revision) is { ReturnedAt: not null } returned ? returned : null;
        Judgements = Review is null ? [] : detail.JudgementsOf(detail.Revision);
        Advice = EvidenceAdvice.For(detail.Kind, detail.Content, detail.Revision.Text + "\n" + string.Join("\n", detail.Files.Select(f => f.ExtractedText)));
        await LoadSuggestionsAsync(ct);
        return true;
    }

}
