using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.Rubrics;
using Portfolio.Suggestions;
using Portfolio.Text;
using Portfolio.Web.Account;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Assess;

/// <summary>Judging the newest submitted revision: each claimed point met or not yet, points added or rejected, overall feedback, return.</summary>
public sealed class ReviewModel(EvidenceStore evidence, AssessmentStore assessment, RubricStore rubrics,
    SuggestionStore suggestions) : PageModel
{
    public sealed class JudgementRow
    {
        public long PointId { get; set; }
        public string? Outcome { get; set; }
        public string? Feedback { get; set; }
    }

    public sealed class InputModel
    {
        public List<JudgementRow> Judgements { get; set; } = [];
        public long? AddedPointId { get; set; }

        /// <summary>The suggestion the added point was taken from, when it was.</summary>
        public long? AddedSuggestionId { get; set; }
        public string? AddedOutcome { get; set; }
        public string? AddedFeedback { get; set; }
        public string? Overall { get; set; }
        public long ReviewVersion { get; set; }
    }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public EvidenceDetail Detail { get; private set; } = null!;
    public EvidenceAdvice Advice { get; private set; } = null!;
    public IReadOnlyList<StoredMarkingPoint> Points { get; private set; } = [];
    public Review? Current { get; private set; }
    public IReadOnlyList<Judgement> Saved { get; private set; } = [];
    public (Review Review, IReadOnlyList<Judgement> Judgements)? Previous { get; private set; }
    public IReadOnlyList<DiffLine>? Changes { get; private set; }
    public bool StaleNotice { get; private set; }

    public EvidenceDisplay Display => new(Detail, false, "/Assess/File");

    /// <summary>Points the evidence may show that the candidate did not claim: the assessor adds them, or not.</summary>
    public RevisionSuggestions Suggested { get; private set; } = new("ready", []);

    public async Task<IActionResult> OnGetAsync(long id, long? suggestion, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var chosen = Suggested.Suggestions.FirstOrDefault(s => s.Id == suggestion);
        Input = new InputModel
        {
            AddedPointId = chosen?.PointId,
            AddedSuggestionId = chosen?.Id,
            ReviewVersion = Current?.RowVersion ?? 0,
            Overall = Current?.OverallFeedback,
            Judgements = Detail.Mappings.Select(m => StartingRow(m.MarkingPointId)).ToList(),
        };
        return Page();
    }

    // What this revision's form starts from: its own saved judgement, else a point met on the previous revision stays
    // met so only what changed needs judging again. Feedback written for an earlier revision never goes in the box: it
    // was about other text and often another outcome; it is shown beside the form as earlier feedback.
    JudgementRow StartingRow(long pointId) =>
        Saved.FirstOrDefault(j => j.MarkingPointId == pointId) is { } saved
            ? new JudgementRow { PointId = pointId, Outcome = saved.Outcome, Feedback = saved.Feedback }
            : Previous?.Judgements.Any(j => j.MarkingPointId == pointId && j.Outcome == "met") == true
                ? new JudgementRow { PointId = pointId, Outcome = "met" }
                : new JudgementRow { PointId = pointId };

    /// <summary>Judgements of a point on the item's earlier revisions, newest first, to read.</summary>
    public IEnumerable<Judgement> EarlierFeedback(long pointId) => Detail.Judgements
        .Where(g => g.Key != Detail.Revision.Id).SelectMany(g => g)
        .Where(j => j.MarkingPointId == pointId && j.Feedback.Length > 0).OrderByDescending(j => j.JudgedAt);

    // Feedback left in the box from a "not yet met" of this point, posted with "met": the candidate would read the
    // reason it was not met as the reason it is.
    bool IsNotYetTextAsMet(JudgementRow row, Outcome outcome) =>
        outcome == Outcome.Met && row.Feedback?.Trim() is { Length: > 0 } text
        && Detail.Judgements.SelectMany(g => g)
            .Any(j => j.MarkingPointId == row.PointId && j.Outcome == "not-yet" && j.Feedback == text);

    public Task<IActionResult> OnPostSaveAsync(long id, CancellationToken ct) => SaveAsync(id, returnIt: false, ct);

    public Task<IActionResult> OnPostReturnAsync(long id, CancellationToken ct) => SaveAsync(id, returnIt: true, ct);

    async Task<IActionResult> SaveAsync(long id, bool returnIt, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct))
        {
            return NotFound();
        }
        var judgements = new List<JudgementInput>();
        for (var i = 0; i < Input.Judgements.Count; i++)
        {
            var row = Input.Judgements[i];
            if (Outcomes.Parse(row.Outcome) is { } outcome)
            {
                judgements.Add(new JudgementInput(row.PointId, outcome, row.Feedback ?? ""));
                if (IsNotYetTextAsMet(row, outcome))
                {
                    ModelState.AddModelError($"Input.Judgements[{i}].Feedback",
                        $"The feedback on {PointCode(row.PointId)} was written for \"not yet met\". "
                        + "Say what now shows the point is met, or leave the box empty");
                }
            }
            else if (row.Outcome is { Length: > 0 } || returnIt)
            {
                ModelState.AddModelError($"Input.Judgements[{i}].Outcome", $"Judge {PointCode(row.PointId)}: met, not yet met, or not relevant");
            }
        }
        var added = new List<long>();
        if (Input.AddedPointId is { } addedPoint)
        {
            if (Outcomes.Parse(Input.AddedOutcome) is { } outcome and not Outcome.Rejected)
            {
                added.Add(addedPoint);
                judgements.Add(new JudgementInput(addedPoint, outcome, Input.AddedFeedback ?? ""));
            }
            else
            {
                ModelState.AddModelError("Input.AddedOutcome", "Judge the marking point you are adding: met or not yet met");
            }
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var person = User.Person();
        var fromSuggestion = Input.AddedPointId is { } p && Input.AddedSuggestionId is { } s
            ? new Dictionary<long, long> { [p] = s } : null;
        var refusal = await assessment.JudgeAsync(person.CentreId, person.Id, id, Input.ReviewVersion, judgements, added,
            Input.Overall ?? "", returnIt, fromSuggestion, ct);
        switch (refusal)
        {
            case AssessmentRefusal.None:
                TempData["Status"] = returnIt ? "Your judgements have been returned to the candidate." : "Your judgements have been saved.";
                return returnIt ? RedirectToPage("Index") : RedirectToPage("Review", new { id });
            case AssessmentRefusal.NotFound:
                return NotFound();
            case AssessmentRefusal.Stale:
                // Read again: what was read before the save may predate the save that won.
                await LoadAsync(id, ct);
                StaleNotice = true;
                Input.ReviewVersion = Current?.RowVersion ?? 0;
                ModelState.AddModelError(string.Empty, "Someone else saved judgements on this evidence after you opened it. Their judgements are shown under \"Saved meanwhile\"; yours are still in the form. Check both, then save again.");
                return Page();
            default:
                ModelState.AddModelError(string.Empty, Message(refusal));
                return Page();
        }
    }

    static string Message(AssessmentRefusal refusal) => refusal switch
    {
        AssessmentRefusal.NotInRubric => "A marking point you judged is not in this candidate's qualification, or is not claimed by this evidence.",
        AssessmentRefusal.FeedbackNeeded => "Say what is still needed for each marking point you judge not yet met.",
        AssessmentRefusal.SignedOff => "A marking point you judged belongs to a signed-off element. Reopen the element first, giving a reason.",
        AssessmentRefusal.AlreadyReturned => "This revision has already been returned to the candidate.",
        _ => "Your judgements could not be saved.",
    };

    public string PointCode(long pointId) => Points.FirstOrDefault(p => p.Id == pointId)?.Code ?? "this point";

    async Task<bool> LoadAsync(long id, CancellationToken ct)
    {
        var person = User.Person();
        var detail = await evidence.GetAsync(person.CentreId, person.Id, id, ct: ct);
        if (detail is null || detail.Revision.SubmittedAt is null || detail.CandidateId == person.Id)
        {
            return false;
        }
        Detail = detail;
        Points = await rubrics.PointsAsync(detail.RubricVersionId, ct);
        Advice = EvidenceAdvice.For(detail.Kind, detail.Content, detail.Revision.Text + "\n" + string.Join("\n", detail.Files.Select(f => f.ExtractedText)));
        Current = detail.ReviewOf(detail.Revision);
        Suggested = await suggestions.ForRevisionAsync(person.CentreId, detail, hideDismissed: false,
            shownTo: HttpMethods.IsGet(Request.Method) ? person.Id : null, ct);
        Saved = detail.JudgementsOf(detail.Revision);
        if (detail.Previous is { } previous)
        {
            Changes = TextDiff.Lines(previous.Text, detail.Revision.Text);
            if (detail.ReviewOf(previous) is { } earlier)
            {
                Previous = (earlier, detail.JudgementsOf(previous));
            }
        }
        return true;
    }
}
