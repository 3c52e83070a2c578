using System.Text.RegularExpressions;
using Portfolio.Text;

namespace Portfolio.Evidence;

public enum PersonalDataKind
{
    EmailAddress,
    PhoneNumber,
    Postcode,
    NationalInsuranceNumber,
    DateOfBirth,
    Name,
    StreetAddress,
}

public static class PersonalDataKinds
{
    /// <summary>"A phone number": what the advice and a redaction's reason call a finding.</summary>
    public static string Describe(this PersonalDataKind kind) => kind switch
    {
        PersonalDataKind.EmailAddress => "An email address",
        PersonalDataKind.PhoneNumber => "A phone number",
        PersonalDataKind.Postcode => "A postcode",
        PersonalDataKind.NationalInsuranceNumber => "A National Insurance number",
        PersonalDataKind.DateOfBirth => "A date of birth",
        PersonalDataKind.Name => "A name",
        PersonalDataKind.StreetAddress => "A street address",
        _ => "Personal details",
    };
}

/// <summary>A stretch of text that looks like personal data: where it starts, how long it is, and what it says.</summary>
public sealed record PersonalDataFinding(PersonalDataKind Kind, int Start, int Length, string Text)
{
    public int End => Start + Length;
}

/// <summary>
/// Finds things in evidence text that look like a client's personal data, so the candidate can
/// anonymise them before submitting. Evidence is read by assessors, quality assurers and external
/// verifiers, none of whom need to know who the client is. It errs towards flagging: a false
/// alarm costs the candidate a glance, a miss can cost a client their privacy.
/// </summary>
public static partial class ConfidentialityCheck
{
    // Capitalised words after a label that are not names ("Client: The plan was…").
    private static readonly HashSet<string> NotNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "The", "This", "That", "These", "He", "She", "They", "We", "I", "It", "His", "Her", "Their",
        "A", "An", "Agreed", "Yes", "No", "None", "Not", "Unknown", "Anonymous", "Withheld", "Redacted",
        "Client", "Customer", "Name", "Student", "Pupil", "Learner", "Year", "Male", "Female",
    };

    /// <summary>Every finding in <paramref name="text"/>, ordered by position, none overlapping.</summary>
    public static IReadOnlyList<PersonalDataFinding> Find(string? text) =>
        string.IsNullOrEmpty(text) ? [] : Found.GetOrAdd(text, Scan);

    // Findings by the text scanned: the evidence page asks on every view, and a text does not change under its key.
    static readonly BoundedMemo<string, IReadOnlyList<PersonalDataFinding>> Found = new(
        MarkdownRenderer.MemoChars, text => text.Length, found => found.Sum(f => f.Text.Length + 16));

    static IReadOnlyList<PersonalDataFinding> Scan(string text)
    {
        var findings = new List<PersonalDataFinding>();
        AddAll(findings, text, EmailAddress(), PersonalDataKind.EmailAddress);
        AddAll(findings, text, NationalInsuranceNumber(), PersonalDataKind.NationalInsuranceNumber);
        AddAll(findings, text, Postcode(), PersonalDataKind.Postcode);
        foreach (Match m in PhoneNumber().Matches(text))
        {
            if (IsUkPhoneNumber(m.Value))
            {
                findings.Add(new(PersonalDataKind.PhoneNumber, m.Index, m.Length, m.Value));
            }
        }
        foreach (Match label in BirthLabel().Matches(text))
        {
            // The date must follow the label closely ("DOB: 3/4/05", "born on 3 April 2005"),
            // which is what keeps the ordinary deadlines of an action plan out.
            int windowStart = label.Index + label.Length;
            Match date = DateNearLabel().Match(text, windowStart, Math.Min(40, text.Length - windowStart));
            if (date.Success)
            {
                Group d = date.Groups["date"];
                findings.Add(new(PersonalDataKind.DateOfBirth, d.Index, d.Length, d.Value));
            }
        }
        foreach (Match m in LabelledName().Matches(text))
        {
            AddName(findings, m.Groups["name"]);
        }
        foreach (Match m in TitledName().Matches(text))
        {
            AddName(findings, m);
        }
        AddAll(findings, text, StreetAddress(), PersonalDataKind.StreetAddress);
        AddClientNameElsewhere(findings, text);

        // Keep the first (and, at the same start, the longest) of overlapping findings.
        var kept = new List<PersonalDataFinding>();
        foreach (PersonalDataFinding f in findings.OrderBy(f => f.Start).ThenByDescending(f => f.Length))
        {
            if (kept.Count == 0 || f.Start >= kept[^1].End)
            {
                kept.Add(f);
            }
        }
        return kept;
    }

    private static void AddAll(List<PersonalDataFinding> findings, string text, Regex regex, PersonalDataKind kind)
    {
        foreach (Match m in regex.Matches(text))
        {
            findings.Add(new(kind, m.Index, m.Length, m.Value));
        }
    }

    private static void AddName(List<PersonalDataFinding> findings, Capture name)
    {
        string firstWord = name.Value.Split(' ', 2)[0];
        if (!NotNames.Contains(firstWord))
        {
            findings.Add(new(PersonalDataKind.Name, name.Index, name.Length, name.Value));
        }
    }

    /// <summary>
    /// A client named once ("Client: Jordan Smith") is often named again later ("Jordan agreed to…"): each part of a
    /// labelled client's name is looked for on its own, as a whole word with its capital.
    /// </summary>
    private static void AddClientNameElsewhere(List<PersonalDataFinding> findings, string text)
    {
        var parts = LabelledName().Matches(text)
            .Select(m => m.Groups["name"].Value)
            .Where(name => !NotNames.Contains(name.Split(' ', 2)[0]))
            .SelectMany(name => name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(part => part.Length >= 3 && !NotNames.Contains(part))
            .Distinct()
            .ToList();
        foreach (var part in parts)
        {
            foreach (Match m in Regex.Matches(text, $@"(?<![\w'’-]){Regex.Escape(part)}(?![\w'’-])", RegexOptions.CultureInvariant))
            {
                findings.Add(new(PersonalDataKind.Name, m.Index, m.Length, m.Value));
            }
        }
    }

    // UK numbers have 10 digits after the leading 0 or +44 (a few old areas have 9), and start 1, 2, 3 or 7.
    private static bool IsUkPhoneNumber(string candidate)
    {
        string digits = new(candidate.Where(char.IsAsciiDigit).ToArray());
        string national = candidate.TrimStart().StartsWith('+') ? digits[2..] : digits;
        if (national.StartsWith('0'))
        {
            national = national[1..];
        }
        return national.Length is 9 or 10 && national[0] is '1' or '2' or '3' or '7';
    }

    [GeneratedRegex(@"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", RegexOptions.CultureInvariant)]
    private static partial Regex EmailAddress();

    // Starts with +44 or 0, then digits with the spaces, hyphens or brackets people type.
    [GeneratedRegex(@"(?<![\w+])(\+44\s?(\(0\)\s?)?|\(?0)[1237][\d\s\-()]{7,13}\d(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"\b(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Postcode();

    // Deliberately loose on the two prefix letters: HMRC's own specimen (QQ…) should be caught too.
    [GeneratedRegex(@"\b[A-Z]{2}[ -]?\d{2}[ -]?\d{2}[ -]?\d{2}[ -]?[A-D]\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NationalInsuranceNumber();

    [GeneratedRegex(@"\b(d\.?o\.?b\b\.?|date\s+of\s+birth|birth\s*date|birthday|born)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BirthLabel();

    [GeneratedRegex(@"^[\s:\-–=]*(on|in|is|was)?\s*(?<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}(st|nd|rd|th)?\s+(of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\s+\d{4}|(19|20)\d{2})\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DateNearLabel();

    [GeneratedRegex(@"\b(?i:client|customer|name|full\s+name|young\s+person|student|pupil|learner|service\s+user|parent|carer|mother|father)(?i:\s+name)?\s*[:\-–]\s*(?<name>[A-Z][a-zA-Z'’\-]+([ \t]+[A-Z][a-zA-Z'’\-]+){0,2})", RegexOptions.CultureInvariant)]
    private static partial Regex LabelledName();

    // A house number (or "Flat 2,") and one to three capitalised words ending in a street word: "14 Albert Road".
    [GeneratedRegex(@"(?<![\w.£$€-])((Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+([A-Z][a-z'’]+\s+){1,3}(Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Dr|Way|Crescent|Court|Place|Grove|Terrace|Gardens|Square|Walk|Mews|Row|Parade|Green|Rise|View|Hill)\b\.?", RegexOptions.CultureInvariant)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"\b(Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-zA-Z'’\-]+(\s+[A-Z][a-zA-Z'’\-]+)?", RegexOptions.CultureInvariant)]
    private static partial Regex TitledName();
}
