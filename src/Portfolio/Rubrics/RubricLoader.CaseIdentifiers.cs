using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Portfolio.Rubrics;

// The identifiers a publisher's CASE package gave the qualification, its units, elements and points. They are
// optional and kept only so an export goes back with the publisher's identifiers and a later package updates the
// same points.
public static partial class RubricLoader
{
    private const string CaseIdentifierKey = "case_identifier";

    private static string? CaseIdentifierOf(RubricSource source, YamlMappingNode map)
    {
        switch (source.Optional(map, CaseIdentifierKey))
        {
            case null:
                return null;
            case YamlScalarNode { Value: { } value } when CaseIdentifierText().IsMatch(value.Trim()):
                return value.Trim();
            case var other:
                source.Problem(source.LineOf(other), $"{CaseIdentifierKey} must be one identifier of letters, digits "
                    + "and dashes, e.g. 0b5705d8-3b0e-4d0c-9a43-1c5b2e7f9a10");
                return null;
        }
    }

    // "*CASE: 0b5705d8-…*" on its own line at the end of a marking point.
    [GeneratedRegex(@"(?:^|\s)[*_]CASE\s*:\s*(?<id>[A-Za-z0-9][A-Za-z0-9.:-]{0,199})[*_]\s*$")]
    private static partial Regex CaseLine();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.:-]{0,199}$")]
    private static partial Regex CaseIdentifierText();
}
