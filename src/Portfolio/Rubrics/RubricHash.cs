using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Portfolio.Rubrics;

/// <summary>
/// A fingerprint of a rubric's content, used to create a new rubric version only when something
/// an assessor or candidate would see has changed. It hashes a canonical JSON form of the tree, not
/// the files: every run of whitespace counts as one space and ends are trimmed (so re-wrapping a
/// paragraph or changing line endings changes nothing), evidence kinds are a set, and the order of
/// units, elements and marking points is kept because it is shown to people.
/// </summary>
public static partial class RubricHash
{
    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalForm"/>.</summary>
    public static string Of(Qualification qualification) =>
        Convert.ToHexStringLower(SHA256.HashData(CanonicalForm(qualification)));

    public static byte[] CanonicalForm(Qualification q)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("code", Canonical(q.Code));
            json.WriteString("title", Canonical(q.Title));
            json.WriteNumber("level", q.Level);
            json.WriteString("awarding_organisation", Canonical(q.AwardingOrganisation));
            // Written only when given, so rubrics without hours keep the fingerprint they always had.
            if (q.GuidedLearningHours is { } glh)
            {
                json.WriteNumber("guided_learning_hours", glh);
            }
            if (q.OffTheJobMinimumHours is { } otj)
            {
                json.WriteNumber("off_the_job_minimum_hours", otj);
            }
            if (q.WitnessRequired.Count > 0)
            {
                json.WriteStartArray("witness_required");
                foreach (var kind in q.WitnessRequired.Select(k => k.Key()).Order(StringComparer.Ordinal))
                {
                    json.WriteStringValue(kind);
                }
                json.WriteEndArray();
            }
            WriteCaseIdentifier(json, q.CaseIdentifier);
            json.WriteStartArray("units");
            foreach (var unit in q.Units)
            {
                json.WriteStartObject();
                json.WriteString("id", Canonical(unit.Id));
                json.WriteString("title", Canonical(unit.Title));
                WriteCaseIdentifier(json, unit.CaseIdentifier);
                json.WriteStartArray("elements");
                foreach (var element in unit.Elements)
                {
                    WriteElement(json, element);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteElement(Utf8JsonWriter json, Element element)
    {
        json.WriteStartObject();
        json.WriteString("id", Canonical(element.Id));
        json.WriteString("unit", Canonical(element.UnitId));
        json.WriteString("title", Canonical(element.Title));
        json.WriteString("synopsis", Canonical(element.Synopsis));
        json.WriteString("key_concepts", Canonical(element.KeyConcepts));
        json.WriteString("guidance", Canonical(element.Guidance));
        json.WriteString("common_mistakes", Canonical(element.CommonMistakes));
        WriteCaseIdentifier(json, element.CaseIdentifier);
        json.WriteStartArray("marking_points");
        foreach (var point in element.MarkingPoints)
        {
            json.WriteStartObject();
            json.WriteString("id", Canonical(point.Id));
            json.WriteString("text", Canonical(point.Text));
            WriteCaseIdentifier(json, point.CaseIdentifier);
            json.WriteStartArray("evidence");
            foreach (var key in point.EvidenceKinds.Select(k => k.Key()).Distinct().Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(key);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    // Written only when given, so rubrics written in Portfolio keep the fingerprint they always had.
    private static void WriteCaseIdentifier(Utf8JsonWriter json, string? identifier)
    {
        if (identifier is not null)
        {
            json.WriteString("case_identifier", identifier);
        }
    }

    /// <summary>Runs of white space as one space, trimmed.</summary>
    internal static string Canonical(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
