namespace Portfolio.Hours;

/// <summary>
/// A kind of learning activity. Some kinds may be logged but never count towards the hours required, for the reason
/// given (the off-the-job training rules for apprenticeships leave them out).
/// </summary>
public sealed record HoursCategory(string Key, string Label, string? NotCountedBecause = null)
{
    public bool Counts => NotCountedBecause is null;
}

public static class HoursCategories
{
    public static readonly IReadOnlyList<HoursCategory> All =
    [
        new("training-course", "Training course"),
        new("shadowing", "Shadowing"),
        new("mentoring", "Mentoring"),
        new("e-learning", "E-learning"),
        new("industry-visit", "Industry visit"),
        new("writing-assignments", "Writing assignments"),
        new("practical-training", "Practical training"),
        new("other", "Other learning"),
        new("assessment", "Assessment",
            "assessment checks what has been learned; it is not training time"),
        new("progress-review", "Progress review",
            "a progress review looks back at learning; it is not training time"),
        new("english-maths", "English and maths up to Level 2",
            "English and maths up to Level 2 are funded and counted separately"),
    ];

    /// <summary>The category with this key, or null.</summary>
    public static HoursCategory? Find(string? key) => All.FirstOrDefault(c => c.Key == key);

    /// <summary>The key, when it is a category's key or its label typed as shown (any case).</summary>
    public static HoursCategory? FindByKeyOrLabel(string? text) =>
        Find(text?.Trim()) ?? All.FirstOrDefault(c => c.Label.Equals(text?.Trim(), StringComparison.OrdinalIgnoreCase));
}
