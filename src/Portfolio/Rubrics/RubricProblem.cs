namespace Portfolio.Rubrics;

/// <summary>One file of a rubric, from a folder, a zip upload or the in-browser editor.</summary>
public sealed record RubricFile(string Path, byte[] Content);

/// <summary>Something wrong in a rubric file. Line is 1-based; 0 means the file as a whole.</summary>
public sealed record RubricProblem(string File, int Line, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}: {Message}" : $"{File}: {Message}";
}

/// <summary>Either the whole qualification or every problem found; never a partial tree.</summary>
public sealed record RubricLoadResult(Qualification? Qualification, IReadOnlyList<RubricProblem> Problems)
{
    public bool Succeeded => Qualification is not null;
}
