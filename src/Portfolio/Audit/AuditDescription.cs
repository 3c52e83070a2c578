using System.Text.Json;

namespace Portfolio.Audit;

/// <summary>
/// An audit entry in words: what happened and the details recorded with it ("Client's goals changed: 412 → 388
/// characters"). Texts are recorded only by size and hash (<see cref="AuditText"/>), so a detail never shows one.
/// </summary>
public static class AuditDescription
{
    static readonly Dictionary<string, string> Actions = new()
    {
        ["evidence.created"] = "Evidence started", ["evidence.saved"] = "Draft saved",
        ["evidence.file-attached"] = "File attached", ["evidence.annotated"] = "Passage annotated",
        ["evidence.annotation-deleted"] = "Annotation removed", ["evidence.mapped"] = "Marking point claimed",
        ["evidence.unmapped"] = "Claim withdrawn", ["evidence.submitted"] = "Submitted for assessment",
        ["evidence.revision-started"] = "New revision started", ["evidence.returned"] = "Returned with feedback",
        ["evidence.redacted"] = "Passage redacted", ["judgement.recorded"] = "Judgement recorded",
        ["mapping.added-by-assessor"] = "Marking point added by the assessor", ["feedback.answered"] = "Feedback answered",
        ["element.signed-off"] = "Element signed off", ["element.confirmed-by-candidate"] = "Sign-off confirmed",
        ["element.reopened"] = "Element reopened", ["enrolment.created"] = "Enrolled", ["enrolment.moved"] = "Moved to another version",
        ["qa-sample.taken"] = "Sampled for quality assurance", ["sign-in.succeeded"] = "Signed in", ["sign-out"] = "Signed out",
    };

    // Where the text lives is shown as a link to the revision, not repeated as a detail.
    static readonly HashSet<string> Shown = ["revisionId", "revisionNumber", "fields", "text", "title", "itemId"];

    public static string What(string action) => Actions.GetValueOrDefault(action)
        ?? (action.Replace('.', ' ').Replace('-', ' ') is { Length: > 0 } t ? char.ToUpperInvariant(t[0]) + t[1..] : action);

    /// <summary>The details of an entry, one line each.</summary>
    public static IReadOnlyList<string> Details(AuditEntry entry)
    {
        var before = Parse(entry.Before);
        var after = Parse(entry.After);
        var lines = new List<string>();
        if (after is { } a && a.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
        {
            lines.AddRange(fields.EnumerateArray().Select(f => Change(
                f.GetProperty("field").GetString() ?? "", f.GetProperty("before").GetInt32(), f.GetProperty("after").GetInt32())));
        }
        else if (Chars(before, "text") is { } was && Chars(after, "text") is { } now)
        {
            lines.Add(Change("Text", was, now));
        }
        if (Facts(before, "title") is { } t0 && Facts(after, "title") is { } t1 && t0.Sha256 != t1.Sha256)
        {
            lines.Add(Change("Title", t0.Chars, t1.Chars));
        }
        foreach (var (label, value) in Properties(before, "was ").Concat(Properties(after, "")))
        {
            lines.Add($"{label}: {value}");
        }
        return lines;
    }

    static string Change(string field, int before, int after) => (before, after) switch
    {
        (0, _) => $"{field} added: {after} characters",
        (_, 0) => $"{field} emptied (was {before} characters)",
        _ => $"{field} changed: {before} → {after} characters",
    };

    static IEnumerable<(string, string)> Properties(JsonElement? json, string prefix)
    {
        if (json is not { ValueKind: JsonValueKind.Object } o)
        {
            yield break;
        }
        foreach (var p in o.EnumerateObject())
        {
            if (!Shown.Contains(p.Name) && Value(p.Value) is { Length: > 0 } value)
            {
                yield return (prefix.Length > 0 ? prefix + Label(p.Name).ToLowerInvariant() : Label(p.Name), value);
            }
        }
    }

    static string? Value(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.Object when v.TryGetProperty("chars", out var chars) => $"{chars.GetInt32()} characters",
        JsonValueKind.Object => string.Join(", ", v.EnumerateObject().Select(p => $"{Label(p.Name).ToLowerInvariant()} {Value(p.Value)}")),
        JsonValueKind.Array => v.GetArrayLength() == 0 ? "none" : string.Join(", ", v.EnumerateArray().Select(Value)),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.String => v.GetString(),
        _ => v.GetRawText(),
    };

    /// <summary>"annotationsMoved" → "Annotations moved".</summary>
    static string Label(string name)
    {
        var words = string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : c.ToString()));
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }

    static JsonElement? Parse(string? json) => string.IsNullOrEmpty(json) ? null : JsonDocument.Parse(json).RootElement;

    static TextFacts? Facts(JsonElement? json, string name) =>
        json is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object
            && v.TryGetProperty("chars", out var c) && v.TryGetProperty("sha256", out var h)
            ? new TextFacts(c.GetInt32(), h.GetString() ?? "") : null;

    static int? Chars(JsonElement? json, string name) => Facts(json, name)?.Chars;
}
