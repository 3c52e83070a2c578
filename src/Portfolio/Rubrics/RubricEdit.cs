namespace Portfolio.Rubrics;

/// <summary>Changing one file of a rubric version's files, to import the result as a new version.</summary>
public static class RubricEdit
{
    /// <summary>
    /// The files with <paramref name="replacement"/> in place of the file of the same path or, failing that, of the
    /// element with the same id; added when neither is there.
    /// </summary>
    public static IReadOnlyList<RubricFile> Replace(IReadOnlyList<RubricFile> files, RubricFile replacement)
    {
        var index = files.ToList().FindIndex(f => string.Equals(f.Path, replacement.Path, StringComparison.OrdinalIgnoreCase));
        if (index < 0 && ElementIdOf(replacement) is { } id)
        {
            index = files.ToList().FindIndex(f => ElementIdOf(f) == id);
        }
        var result = files.ToList();
        if (index < 0)
        {
            result.Add(replacement);
        }
        else
        {
            result[index] = replacement with { Path = files[index].Path };
        }
        return result;
    }

    /// <summary>The <c>id</c> in an element file's front matter, or null when it has none that can be read.</summary>
    public static string? ElementIdOf(RubricFile file)
    {
        var source = RubricSource.Read(file, []);
        return source?.FrontMatter is { } map && source.Optional(map, "id") is YamlDotNet.RepresentationModel.YamlScalarNode { Value: { } id }
            ? id.Trim()
            : null;
    }
}
