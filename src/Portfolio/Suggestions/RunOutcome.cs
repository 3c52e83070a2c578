namespace Portfolio.Suggestions;

/// <summary>How a run of suggestions ended, as stored (suggestion_runs.outcome) and as said to people.</summary>
public static class RunOutcome
{
    public const string Ready = "ready";

    public static string Key(NoSuggestions reason) => reason switch
    {
        NoSuggestions.Empty => "empty",
        NoSuggestions.TooLong => "too-long",
        NoSuggestions.NotEnglish => "not-english",
        NoSuggestions.TableOnly => "table-only",
        NoSuggestions.ModelUnavailable => "model-unavailable",
        NoSuggestions.SwitchedOff => "switched-off",
        _ => "failed",
    };

    /// <summary>What the page says instead of suggestions; null when there is nothing to say (ready).</summary>
    public static string? Explain(string? outcome) => outcome switch
    {
        null => "Suggestions are being prepared. They appear here when ready; carry on meanwhile.",
        Ready => null,
        "empty" => "There are no suggestions because there is no text to read yet.",
        "too-long" => $"There are no suggestions because this evidence is longer than {Passages.MaxWords:N0} words. "
            + "Map its marking points yourself.",
        "not-english" => "There are no suggestions because the text does not look like English, the only language "
            + "suggestions can read.",
        "table-only" => "There are no suggestions because the text is only a table. Suggestions read sentences: "
            + "describe in words what the table shows.",
        "model-unavailable" => "There are no suggestions because the model that makes them could not be loaded on this "
            + "server. Your centre's administrator can see why.",
        "switched-off" => "Your centre has switched suggestions off.",
        _ => "Suggestions could not be worked out for this text.",
    };
}
