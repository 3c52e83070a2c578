namespace Portfolio.Evidence;

/// <summary>One stage of a reflective model: a stable key for storage, a heading and a prompt for the candidate.</summary>
public sealed record ReflectiveStage(string Key, string DisplayName, string Prompt);

/// <summary>How one stage of a candidate's account measures up: empty, thin (under the word threshold) or developed.</summary>
public sealed record StageCheck(ReflectiveStage Stage, int WordCount, bool IsMissing, bool IsThin);

/// <summary>
/// A reflective model (Gibbs or Kolb) a reflective account is written to. Candidates write one
/// section per stage; <see cref="Check"/> tells them which sections are still empty or brief.
/// </summary>
public sealed class ReflectiveStructure
{
    /// <summary>Below this many words a stage is reported as thin, unless a caller chooses otherwise.</summary>
    public const int DefaultThinBelowWords = 40;

    public static readonly ReflectiveStructure Gibbs = new("gibbs", "Gibbs' reflective cycle",
    [
        new("description", "Description", "Set the scene: what happened, who was there and what part you played."),
        new("feelings", "Feelings", "Say honestly what you were thinking and feeling before, during and after."),
        new("evaluation", "Evaluation", "Weigh up what went well and what went less well."),
        new("analysis", "Analysis", "Explain why things went as they did, drawing on theory, guidance or past experience."),
        new("conclusion", "Conclusion", "Sum up what you have learned and what you might have done differently."),
        new("action-plan", "Action plan", "Say what you will do next time, and how you will build the skills you need."),
    ]);

    public static readonly ReflectiveStructure Kolb = new("kolb", "Kolb's learning cycle",
    [
        new("concrete-experience", "Concrete experience", "Describe the piece of practice you are reflecting on, as it happened."),
        new("reflective-observation", "Reflective observation", "Step back and look at it from different angles: yours, the client's, a colleague's."),
        new("abstract-conceptualisation", "Abstract conceptualisation", "Make sense of it: which ideas, models or research help explain what you saw?"),
        new("active-experimentation", "Active experimentation", "Plan how you will try out what you have learned in your next session."),
    ]);

    public static IReadOnlyList<ReflectiveStructure> All { get; } = [Gibbs, Kolb];

    private ReflectiveStructure(string key, string displayName, IReadOnlyList<ReflectiveStage> stages)
    {
        Key = key;
        DisplayName = displayName;
        Stages = stages;
    }

    public string Key { get; }

    public string DisplayName { get; }

    public IReadOnlyList<ReflectiveStage> Stages { get; }

    /// <summary>The model with this key ("gibbs", "kolb"), or null.</summary>
    public static ReflectiveStructure? FromKey(string? key) =>
        All.FirstOrDefault(m => string.Equals(m.Key, key?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Checks each stage's text, keyed by stage key (missing keys count as empty), and returns
    /// one result per stage in the model's order.
    /// </summary>
    public IReadOnlyList<StageCheck> Check(IReadOnlyDictionary<string, string?> textByStage, int thinBelowWords = DefaultThinBelowWords)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(thinBelowWords);
        return Stages
            .Select(stage =>
            {
                int words = CountWords(textByStage.TryGetValue(stage.Key, out string? text) ? text : null);
                return new StageCheck(stage, words, IsMissing: words == 0, IsThin: words > 0 && words < thinBelowWords);
            })
            .ToList();
    }

    /// <summary>Words as a reader would count them: runs of letters or digits, so Markdown symbols don't count.</summary>
    public static int CountWords(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }
        int count = 0;
        bool inWord = false;
        foreach (char c in text)
        {
            // Apostrophes and hyphens join a word ("client's", "follow-up") rather than split it.
            bool wordChar = char.IsLetterOrDigit(c) || (inWord && (c == '\'' || c == '\u2019' || c == '-'));
            if (wordChar && !inWord)
            {
                count++;
            }
            inWord = wordChar;
        }
        return count;
    }
}
