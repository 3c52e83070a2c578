using System.Text.Json;

namespace Portfolio.Evidence;

/// <summary>One part of an evidence form whose text changed in a save, by its size in characters (0: empty).</summary>
public sealed record FieldChange(string Field, int Before, int After);

/// <summary>
/// Which parts of an evidence form a save changed, told by their sizes: what the audit trail records of a save, so
/// that it says "Client's goals: 412 → 388 characters" without keeping the client's details.
/// </summary>
public static class EvidenceFieldChanges
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static readonly Dictionary<string, string> Names = new()
    {
        ["clientSituation"] = "Client's situation", ["clientGoals"] = "Client's goals", ["steps"] = "Step",
        ["reviewDate"] = "Review date", ["reviewMethod"] = "Review", ["clientAgreement"] = "Client's agreement",
        ["clientAgreedOn"] = "Date agreed", ["clientFeedback"] = "Client's feedback", ["model"] = "Reflective model",
        ["theoryReferenced"] = "Theory referenced", ["selfAssessment"] = "Self-assessment", ["careerGoals"] = "Career goals",
        ["objectives"] = "Objective", ["log"] = "Review log entry", ["reviewedItemId"] = "Plan reviewed",
        ["achievements"] = "Achievements", ["notYetDone"] = "Not yet done", ["scaling"] = "Client's score",
        ["scalingComment"] = "Comment on the score", ["notes"] = "Notes",
    };

    public static IReadOnlyList<FieldChange> Between(EvidenceContent before, EvidenceContent after)
    {
        var was = Sizes(before);
        var now = Sizes(after);
        var changes = new List<FieldChange>();
        foreach (var field in now.Keys.Concat(was.Keys).Distinct())
        {
            var (b, bText) = was.GetValueOrDefault(field);
            var (a, aText) = now.GetValueOrDefault(field);
            if (bText != aText)
            {
                changes.Add(new FieldChange(field, b, a));
            }
        }
        return changes;
    }

    /// <summary>Each part's label with its size and its text (compared, never kept).</summary>
    static Dictionary<string, (int Size, string? Text)> Sizes(EvidenceContent content)
    {
        var sizes = new Dictionary<string, (int, string?)>();
        var model = content.ReflectiveModel;
        foreach (var p in JsonSerializer.SerializeToElement(content, Json).EnumerateObject())
        {
            var name = Names.GetValueOrDefault(p.Name, p.Name);
            if (p.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var row in p.Value.EnumerateArray())
                {
                    Add(sizes, $"{name} {++i}", row);
                }
            }
            else if (p.Name == "stages" && p.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var stage in p.Value.EnumerateObject())
                {
                    var label = model?.Stages.FirstOrDefault(s => s.Key == stage.Name)?.DisplayName ?? stage.Name;
                    Add(sizes, $"Stage: {label}", stage.Value);
                }
            }
            else
            {
                Add(sizes, name, p.Value);
            }
        }
        return sizes;
    }

    static void Add(Dictionary<string, (int, string?)> sizes, string label, JsonElement value)
    {
        var leaves = Leaves(value).ToList();
        if (leaves.Count > 0)
        {
            sizes[label] = (leaves.Sum(l => l.EnumerateRunes().Count()), string.Join('\u001f', leaves));
        }
    }

    static IEnumerable<string> Leaves(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when value.GetString() is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) => [s],
        JsonValueKind.Number => [value.GetRawText()],
        JsonValueKind.Object => value.EnumerateObject().SelectMany(p => Leaves(p.Value)),
        JsonValueKind.Array => value.EnumerateArray().SelectMany(Leaves),
        _ => [],
    };
}
