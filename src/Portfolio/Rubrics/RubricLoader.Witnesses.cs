using YamlDotNet.RepresentationModel;

namespace Portfolio.Rubrics;

public static partial class RubricLoader
{
    /// <summary>
    /// <c>witness_required: [witness testimony, observation]</c> (a list, or one kind): evidence of these kinds needs a
    /// witness's confirmation of its current text before it is submitted.
    /// </summary>
    private static IReadOnlyList<EvidenceKind> WitnessRequired(RubricSource source, YamlMappingNode map)
    {
        var node = source.Optional(map, "witness_required");
        IEnumerable<YamlNode> entries = node switch
        {
            null => [],
            YamlSequenceNode list => list.Children,
            YamlScalarNode scalar => [scalar],
            _ => [],
        };
        if (node is YamlMappingNode)
        {
            source.Problem(source.LineOf(node), "witness_required must be a list of evidence kinds, e.g. [witness testimony, observation]");
        }
        return WitnessKinds(entries.Select(e => ((e as YamlScalarNode)?.Value ?? "", e)),
            (entry, problem) => source.Problem(source.LineOf(entry), problem));
    }

    /// <summary>The evidence kinds the entries name, each once, in order; each entry that names none is reported
    /// where it stands.</summary>
    internal static List<EvidenceKind> WitnessKinds<T>(IEnumerable<(string Text, T At)> entries,
        Action<T, string> problemAt)
    {
        var kinds = new List<EvidenceKind>();
        foreach (var (text, at) in entries)
        {
            var (kind, problem) = WitnessKind(text);
            if (problem is not null)
            {
                problemAt(at, problem);
            }
            else if (!kinds.Contains(kind!.Value))
            {
                kinds.Add(kind.Value);
            }
        }
        return kinds;
    }

    /// <summary>The evidence kind one entry of witness_required names, or why it cannot be one.</summary>
    internal static (EvidenceKind? Kind, string? Problem) WitnessKind(string entry)
    {
        var text = entry.Trim();
        if (!EvidenceKinds.TryParse(text, out var kind))
        {
            return (null, $"unknown evidence kind '{text}' in witness_required "
                + $"(expected one of {string.Join(", ", EvidenceKinds.Witnessable.Select(k => k.Key()))})");
        }
        return EvidenceKinds.Witnessable.Contains(kind)
            ? (kind, null)
            : (null, $"witness_required lists '{kind.Key()}', which a witness cannot confirm "
                + $"(only {string.Join(", ", EvidenceKinds.Witnessable.Select(k => k.Key()))})");
    }
}
