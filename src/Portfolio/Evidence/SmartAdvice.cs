using System.Text.RegularExpressions;

namespace Portfolio.Evidence;

/// <summary>One step of a client's action plan, as the candidate wrote it down.</summary>
public sealed record ActionPlanStep(
    string? Who,
    string? Action,
    DateOnly? ByWhen,
    string? Resources = null,
    string? Barriers = null,
    string? Contingency = null,
    string? Measure = null);

/// <summary>A client action plan. <paramref name="ClientAgreedOn"/> is null until the client's agreement is recorded.</summary>
public sealed record ActionPlan(
    IReadOnlyList<ActionPlanStep> Steps,
    DateOnly? ReviewDate,
    string? ReviewMethod,
    DateOnly? ClientAgreedOn);

/// <summary>One objective of a candidate's own personal development plan.</summary>
public sealed record DevelopmentObjective(
    string? Objective,
    string? LinkedAim,
    string? Activities,
    string? SuccessCriteria,
    DateOnly? TargetDate);

/// <summary>A candidate's personal development plan (PDP).</summary>
public sealed record DevelopmentPlan(
    IReadOnlyList<DevelopmentObjective> Objectives,
    DateOnly? ReviewDate,
    string? ReviewMethod);

/// <summary>
/// One piece of advice about a plan. <paramref name="StepNumber"/> is the 1-based step or
/// objective it is about, or null when it is about the plan as a whole.
/// </summary>
public sealed record Advice(string Code, string Message, int? StepNumber);

/// <summary>Stable codes for <see cref="Advice"/>, so pages and tests need not match on wording.</summary>
public static class AdviceCode
{
    public const string NoSteps = "no-steps";
    public const string TooManySteps = "too-many-steps";
    public const string NoOwner = "no-owner";
    public const string NoAction = "no-action";
    public const string NoDate = "no-date";
    public const string NoMeasure = "no-measure";
    public const string MeasureNotObservable = "measure-not-observable";
    public const string VagueWording = "vague-wording";
    public const string NoContingency = "no-contingency";
    public const string NoBarriersConsidered = "no-barriers-considered";
    public const string NoReviewDate = "no-review-date";
    public const string NoReviewMethod = "no-review-method";
    public const string NoClientAgreement = "no-client-agreement";
    public const string NoLinkedAim = "no-linked-aim";
    public const string NoActivities = "no-activities";
}

/// <summary>
/// SMART-style advice on a client action plan or a personal development plan. It is advice for
/// the candidate and assessor to weigh, never a gate: a plan with advice can still be saved,
/// submitted and judged, because a good plan sometimes breaks the mnemonic for a reason.
/// </summary>
public static partial class SmartAdvice
{
    /// <summary>Beyond this many steps a plan tends to overwhelm the person who has to carry it out.</summary>
    public const int MostStepsAdvised = 5;

    public static IReadOnlyList<Advice> ForActionPlan(ActionPlan plan)
    {
        var advice = new List<Advice>();
        IReadOnlyList<ActionPlanStep> steps = plan.Steps ?? [];

        if (steps.Count == 0)
        {
            advice.Add(new(AdviceCode.NoSteps, "There are no steps yet. Add the first small thing the client has agreed to do.", null));
        }
        else if (steps.Count > MostStepsAdvised)
        {
            advice.Add(new(AdviceCode.TooManySteps,
                $"This plan has {steps.Count} steps. Could it be trimmed to the {MostStepsAdvised} that matter most right now? A shorter list is easier for the client to act on.", null));
        }

        for (int i = 0; i < steps.Count; i++)
        {
            ActionPlanStep step = steps[i];
            int number = i + 1;
            if (IsBlank(step.Action))
            {
                advice.Add(new(AdviceCode.NoAction, "This step does not say what will be done yet.", number));
            }
            else if (FindVagueWording(step.Action) is { } vague)
            {
                advice.Add(new(AdviceCode.VagueWording,
                    $"\"{vague}\" is hard to tick off. What exactly will be done, so you will both know when it has happened?", number));
            }
            if (IsBlank(step.Who))
            {
                advice.Add(new(AdviceCode.NoOwner, "Who will take this step? Naming the person (often the client) makes it theirs.", number));
            }
            if (step.ByWhen is null)
            {
                advice.Add(new(AdviceCode.NoDate, "This step has no date yet. A \"by when\" helps it happen and gives the review something to look at.", number));
            }
            AddMeasureAdvice(advice, step.Measure, step.Action, number);
            if (!IsBlank(step.Barriers) && IsBlank(step.Contingency))
            {
                advice.Add(new(AdviceCode.NoContingency, "A barrier is named here but not yet a plan B. What could the client do if it gets in the way?", number));
            }
        }

        if (steps.Count > 0 && steps.All(s => IsBlank(s.Barriers) && IsBlank(s.Contingency)))
        {
            advice.Add(new(AdviceCode.NoBarriersConsidered,
                "None of the steps mentions what might get in the way or what to do then. Is there anything worth planning around?", null));
        }
        AddReviewAdvice(advice, plan.ReviewDate, plan.ReviewMethod);
        if (plan.ClientAgreedOn is null)
        {
            advice.Add(new(AdviceCode.NoClientAgreement,
                "The client's agreement to this plan is not recorded yet. Note when they agreed it, so it is clearly their plan.", null));
        }
        return advice;
    }

    public static IReadOnlyList<Advice> ForDevelopmentPlan(DevelopmentPlan plan)
    {
        var advice = new List<Advice>();
        IReadOnlyList<DevelopmentObjective> objectives = plan.Objectives ?? [];

        if (objectives.Count == 0)
        {
            advice.Add(new(AdviceCode.NoSteps, "There are no objectives yet. Start with one thing you want to get better at.", null));
        }
        else if (objectives.Count > MostStepsAdvised)
        {
            advice.Add(new(AdviceCode.TooManySteps,
                $"This plan has {objectives.Count} objectives. Could you focus on the {MostStepsAdvised} most important for now and keep the rest for later?", null));
        }

        for (int i = 0; i < objectives.Count; i++)
        {
            DevelopmentObjective objective = objectives[i];
            int number = i + 1;
            if (IsBlank(objective.Objective))
            {
                advice.Add(new(AdviceCode.NoAction, "This objective is not written down yet.", number));
            }
            else if (FindVagueWording(objective.Objective) is { } vague)
            {
                advice.Add(new(AdviceCode.VagueWording,
                    $"\"{vague}\" leaves the objective open. What will you be able to do, or have done, when it is met?", number));
            }
            if (IsBlank(objective.LinkedAim))
            {
                advice.Add(new(AdviceCode.NoLinkedAim, "Which of your wider aims does this objective serve? Linking it shows why it matters.", number));
            }
            if (IsBlank(objective.Activities))
            {
                advice.Add(new(AdviceCode.NoActivities, "No activities are listed yet. How will you go about meeting this objective?", number));
            }
            if (objective.TargetDate is null)
            {
                advice.Add(new(AdviceCode.NoDate, "This objective has no target date yet. When do you mean to have it done?", number));
            }
            AddMeasureAdvice(advice, objective.SuccessCriteria, objective.Objective, number);
        }

        AddReviewAdvice(advice, plan.ReviewDate, plan.ReviewMethod);
        return advice;
    }

    /// <summary>The first vague phrase in <paramref name="text"/>, or null when none is found.</summary>
    public static string? FindVagueWording(string? text)
    {
        if (IsBlank(text))
        {
            return null;
        }
        Match match = VaguePhrase().Match(text!);
        if (match.Success)
        {
            return match.Value;
        }
        // "Research" on its own, or with a word or two ("research jobs"), says nothing about what
        // will be found out or how; a longer, specific research step is fine.
        Match research = ResearchWord().Match(text!);
        return research.Success && WordCount(text) <= 4 ? research.Value : null;
    }

    /// <summary>True when a success measure names something countable or something that can be seen to have happened.</summary>
    public static bool IsObservable(string? measure) =>
        !IsBlank(measure) && (Quantity().IsMatch(measure!) || ObservableOutcome().IsMatch(measure!));

    private static void AddMeasureAdvice(List<Advice> advice, string? measure, string? action, int number)
    {
        if (IsBlank(measure))
        {
            // A step like "send 3 applications" carries its own measure.
            if (!IsObservable(action))
            {
                advice.Add(new(AdviceCode.NoMeasure, "How will you both know this is done? A number or a visible result (for example, a form sent) would show it.", number));
            }
        }
        else if (!IsObservable(measure))
        {
            advice.Add(new(AdviceCode.MeasureNotObservable, "The measure here is hard to check. Could it name a number, or something that can be seen to have happened?", number));
        }
    }

    private static void AddReviewAdvice(List<Advice> advice, DateOnly? reviewDate, string? reviewMethod)
    {
        if (reviewDate is null)
        {
            advice.Add(new(AdviceCode.NoReviewDate, "No review date is set yet. Agreeing when you will look at progress together keeps the plan alive.", null));
        }
        else if (IsBlank(reviewMethod))
        {
            advice.Add(new(AdviceCode.NoReviewMethod, "There is a review date but not yet how the review will happen (meeting, phone call, email…).", null));
        }
    }

    private static bool IsBlank(string? text) => string.IsNullOrWhiteSpace(text);

    private static int WordCount(string? text) =>
        IsBlank(text) ? 0 : text!.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    [GeneratedRegex(@"\b(look(ing)? into|think(ing)? about|consider(ing)?|explor(e|ing) (the |some |my |your |their |his |her )?options|try(ing)? (to|and)|find out about|see about|work(ing)? on|maybe|hopefully|possibly|if possible)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VaguePhrase();

    [GeneratedRegex(@"\bresearch(ing)?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ResearchWord();

    [GeneratedRegex(@"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|a dozen|half|once|twice|every|each|all)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Quantity();

    [GeneratedRegex(@"\b(sent|send|submit(ted)?|complete[ds]?|attend(ed)?|book(ed)?|register(ed)?|enrol(led)?|receive[ds]?|offer(ed)?|interview(ed)?|start(ed)?|pass(ed)?|achieve[ds]?|upload(ed)?|sign(ed)?( up)?|call(ed)?|rang|phone[ds]?|email(ed)?|appl(y|ied)|written|wrote|list(ed)?|shortlist(ed)?|certificate|confirm(ed)?|visit(ed)?|meet|met|observed|feedback)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ObservableOutcome();
}
