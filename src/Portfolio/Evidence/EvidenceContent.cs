using System.Globalization;
using System.Text;
using System.Text.Json;
using Portfolio.Rubrics;
using Portfolio.Text;

namespace Portfolio.Evidence;

/// <summary>A step of a client action plan (or a revised step in a progress review), as the form holds it.</summary>
public sealed class PlanStepInput
{
    public string? Who { get; set; }
    public string? Action { get; set; }
    public DateOnly? ByWhen { get; set; }
    public string? Resources { get; set; }
    public string? Barriers { get; set; }
    public string? Contingency { get; set; }
    public string? Measure { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Who) && string.IsNullOrWhiteSpace(Action) && ByWhen is null
        && string.IsNullOrWhiteSpace(Resources) && string.IsNullOrWhiteSpace(Barriers) && string.IsNullOrWhiteSpace(Contingency) && string.IsNullOrWhiteSpace(Measure);

    public ActionPlanStep ToStep() => new(Who, Action, ByWhen, Resources, Barriers, Contingency, Measure);
}

/// <summary>An objective of a personal development plan.</summary>
public sealed class ObjectiveInput
{
    public string? Objective { get; set; }
    public string? LinkedAim { get; set; }
    public string? Activities { get; set; }
    public string? Resources { get; set; }
    public DateOnly? TargetDate { get; set; }
    public string? SuccessCriteria { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Objective) && string.IsNullOrWhiteSpace(LinkedAim) && string.IsNullOrWhiteSpace(Activities)
        && string.IsNullOrWhiteSpace(Resources) && TargetDate is null && string.IsNullOrWhiteSpace(SuccessCriteria);

    public DevelopmentObjective ToObjective() => new(Objective, LinkedAim, Activities, SuccessCriteria, TargetDate);
}

/// <summary>A dated entry in a development plan's log of reviews and revisions.</summary>
public sealed class LogEntryInput
{
    public DateOnly? On { get; set; }
    public string? Note { get; set; }
}

/// <summary>
/// What a candidate wrote for one revision of an evidence item. One shape serves every kind: each kind's form
/// shows only its own parts, and <see cref="ToText"/> turns the parts into the plain text that is annotated,
/// searched and checked for personal data. Stored as JSON.
/// </summary>
public sealed class EvidenceContent
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Client action plan (and progress review's revised steps)
    public string? ClientSituation { get; set; }
    public string? ClientGoals { get; set; }
    public List<PlanStepInput> Steps { get; set; } = [];
    public DateOnly? ReviewDate { get; set; }
    public string? ReviewMethod { get; set; }
    public string? ClientAgreement { get; set; }
    public DateOnly? ClientAgreedOn { get; set; }
    public string? ClientFeedback { get; set; }

    // Reflective account
    public string? Model { get; set; }
    public Dictionary<string, string?> Stages { get; set; } = [];
    public string? TheoryReferenced { get; set; }

    // Personal development plan
    public string? SelfAssessment { get; set; }
    public string? CareerGoals { get; set; }
    public List<ObjectiveInput> Objectives { get; set; } = [];
    public List<LogEntryInput> Log { get; set; } = [];

    // Progress review
    public long? ReviewedItemId { get; set; }
    public string? Achievements { get; set; }
    public string? NotYetDone { get; set; }
    public int? Scaling { get; set; }
    public string? ScalingComment { get; set; }

    /// <summary>Free Markdown text: the whole of an observation, testimony, discussion or other document; notes elsewhere.</summary>
    public string? Notes { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static EvidenceContent FromJson(string json) => JsonSerializer.Deserialize<EvidenceContent>(json, Json) ?? new();

    /// <summary>Drops empty repeated rows a form left behind.</summary>
    public EvidenceContent Tidy()
    {
        Steps.RemoveAll(s => s.IsBlank);
        Objectives.RemoveAll(o => o.IsBlank);
        Log.RemoveAll(l => l.On is null && string.IsNullOrWhiteSpace(l.Note));
        return this;
    }

    public ReflectiveStructure? ReflectiveModel => ReflectiveStructure.FromKey(Model);

    /// <summary>The plain text of this content for a kind: headed sections in a fixed order, empty parts left out.</summary>
    public string ToText(EvidenceKind kind) => TextPart.Join(Sections(kind));

    /// <summary>
    /// The sections <see cref="ToText"/> joins, in order: the candidate's own writing is Markdown; the lines the form
    /// puts together (steps, dates, scores) are plain lines.
    /// </summary>
    public IReadOnlyList<TextPart> Sections(EvidenceKind kind)
    {
        var sections = new List<TextPart>();
        void Section(string heading, string? body, bool markdown = true)
        {
            if (!string.IsNullOrWhiteSpace(body))
            {
                sections.Add(new TextPart(heading, body.Trim().ReplaceLineEndings("\n"), markdown));
            }
        }
        void Lines(string heading, string? body) => Section(heading, body, markdown: false);
        static string? Date(DateOnly? d) => d?.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        void StepsText(string heading)
        {
            for (var i = 0; i < Steps.Count; i++)
            {
                var s = Steps[i];
                var lines = new[]
                {
                    ("Who", s.Who), ("By when", Date(s.ByWhen)), ("Resources and support", s.Resources),
                    ("Barriers", s.Barriers), ("Contingency", s.Contingency), ("How we will know it is done", s.Measure),
                }.Where(l => !string.IsNullOrWhiteSpace(l.Item2)).Select(l => $"{l.Item1}: {l.Item2!.Trim()}");
                Lines($"{heading} {i + 1}: {s.Action?.Trim()}", string.Join('\n', lines) is { Length: > 0 } body ? body : "(no details yet)");
            }
        }
        switch (kind)
        {
            case EvidenceKind.ActionPlan:
                Section("Client's situation", ClientSituation);
                Section("Client's goals", ClientGoals);
                StepsText("Step");
                Lines("Review", string.Join(" – ", new[] { Date(ReviewDate), ReviewMethod?.Trim() }.Where(s => !string.IsNullOrWhiteSpace(s))));
                Lines("How the client agreed to the plan", string.Join(" – ", new[] { ClientAgreement?.Trim(), Date(ClientAgreedOn) is { } on ? $"agreed on {on}" : null }.Where(s => !string.IsNullOrWhiteSpace(s))));
                Section("Client's feedback and understanding", ClientFeedback);
                break;
            case EvidenceKind.ReflectiveAccount:
                if (ReflectiveModel is { } model)
                {
                    foreach (var stage in model.Stages)
                    {
                        Section(stage.DisplayName, Stages.GetValueOrDefault(stage.Key));
                    }
                }
                Section("Models and theory referenced", TheoryReferenced);
                break;
            case EvidenceKind.DevelopmentPlan:
                Section("Self-assessment of skills", SelfAssessment);
                Section("Career goals", CareerGoals);
                for (var i = 0; i < Objectives.Count; i++)
                {
                    var o = Objectives[i];
                    var lines = new[]
                    {
                        ("Linked to", o.LinkedAim), ("Learning activities", o.Activities), ("Resources", o.Resources),
                        ("By", Date(o.TargetDate)), ("Success looks like", o.SuccessCriteria),
                    }.Where(l => !string.IsNullOrWhiteSpace(l.Item2)).Select(l => $"{l.Item1}: {l.Item2!.Trim()}");
                    Lines($"Objective {i + 1}: {o.Objective?.Trim()}", string.Join('\n', lines) is { Length: > 0 } body ? body : "(no details yet)");
                }
                Lines("How progress is reviewed", string.Join(" – ", new[] { ReviewMethod?.Trim(), Date(ReviewDate) is { } next ? $"next review {next}" : null }.Where(s => !string.IsNullOrWhiteSpace(s))));
                Lines("Review log", string.Join('\n', Log.Where(l => l.On is not null || !string.IsNullOrWhiteSpace(l.Note)).Select(l => $"{Date(l.On)}: {l.Note?.Trim()}")));
                break;
            case EvidenceKind.ProgressReview:
                Section("Achievements", Achievements);
                Section("Actions not yet done, and why", NotYetDone);
                Lines("Client's view on a scale of 1 to 10", Scaling is { } score ? $"{score} out of 10" + (string.IsNullOrWhiteSpace(ScalingComment) ? "" : $" – {ScalingComment.Trim()}") : null);
                StepsText("Revised step");
                break;
        }
        Section(kind is EvidenceKind.ActionPlan or EvidenceKind.ReflectiveAccount or EvidenceKind.DevelopmentPlan or EvidenceKind.ProgressReview ? "Notes" : "Account", Notes);
        return sections;
    }
}

