using System.IO.Compression;
using System.Net;
using System.Text;
using Portfolio.Assessment;
using Portfolio.Enrolments;
using Portfolio.Evidence;
using Portfolio.Matrix;
using Portfolio.Rubrics;
using Portfolio.Storage;
using Portfolio.Text;

namespace Portfolio.Export;

/// <summary>
/// A candidate's whole portfolio as a zip: a readable HTML page for every revision of every item (text with its
/// annotations marked, claims, judgements and feedback), the uploaded files, and the evidence matrix workbook.
/// Written entry by entry to the output as it goes, so it is never held whole in memory.
/// </summary>
public sealed class PortfolioArchive(EvidenceStore evidence, EvidenceMatrices matrices, FileStore files)
{
    const string Style = "body{font-family:Arial,sans-serif;max-width:60em;margin:2em auto;line-height:1.5;color:#0b0c0c}"
        + ".text{border-left:4px solid #b1b4b6;padding-left:1em}mark{background:#fff7bf;border-bottom:2px solid #0b0c0c}"
        + "table{border-collapse:collapse}td,th{border:1px solid #b1b4b6;padding:4px 8px;text-align:left}";

    public async Task WriteAsync(Enrolment enrolment, long viewerId, bool wholeCentre, Stream output, CancellationToken ct = default)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        await AddAsync(zip, "", enrolment, viewerId, wholeCentre, ct);
    }

    /// <summary>Adds the portfolio's entries to a zip being written, under <paramref name="folder"/> ("" or ending in "/").</summary>
    public async Task AddAsync(ZipArchive zip, string folder, Enrolment enrolment, long viewerId, bool wholeCentre, CancellationToken ct = default)
    {
        var index = new StringBuilder();
        index.Append(Page($"Portfolio of {enrolment.CandidateName}"));
        index.Append($"<h1>Portfolio of {E(enrolment.CandidateName)}</h1><p>{E(enrolment.QualificationTitle)} ({E(enrolment.QualificationCode)}, rubric version {enrolment.VersionNumber}). Assessor: {E(enrolment.AssessorName ?? "none")}.</p>");
        index.Append("<p><a href=\"evidence-matrix.xlsx\">Evidence matrix (Excel)</a></p><h2>Evidence</h2><ul>");
        foreach (var summary in await evidence.ListAsync(enrolment.CentreId, enrolment.CandidateId, ct))
        {
            var latest = await evidence.GetAsync(enrolment.CentreId, viewerId, summary.Id, wholeCentre: wholeCentre, ct: ct);
            if (latest is null || latest.EnrolmentId != enrolment.Id)
            {
                continue;
            }
            index.Append($"<li>{E(summary.Title)} ({E(latest.Kind.DisplayName())}):");
            foreach (var (number, _) in latest.Revisions)
            {
                var detail = number == latest.Revision.Number ? latest : await evidence.GetAsync(enrolment.CentreId, viewerId, summary.Id, number, wholeCentre, ct);
                if (detail is null)
                {
                    continue;
                }
                var review = detail.ReviewOf(detail.Revision) is { } r && (r.ReturnedAt is not null || viewerId != enrolment.CandidateId) ? r : null;
                var name = $"evidence/{summary.Id}-revision-{number}.html";
                await WriteTextAsync(zip, folder + name, RevisionPage(detail, review, review is null ? [] : detail.JudgementsOf(detail.Revision)), ct);
                index.Append($" <a href=\"{name}\">revision {number}</a>");
                foreach (var file in detail.Files)
                {
                    await using var source = files.OpenRead(file.Sha256);
                    if (source is null)
                    {
                        continue;
                    }
                    var entry = zip.CreateEntry(folder + FilePath(detail, file), CompressionLevel.Fastest);
                    await using var target = entry.Open();
                    await source.CopyToAsync(target, ct);
                }
            }
            index.Append("</li>");
        }
        index.Append("</ul></body></html>");
        await WriteTextAsync(zip, folder + "index.html", index.ToString(), ct);
        var matrix = await matrices.ForEnrolmentAsync(enrolment, ct);
        using var workbook = new MemoryStream();
        matrix.WriteWorkbook($"Evidence matrix: {enrolment.CandidateName}", workbook);
        var matrixEntry = zip.CreateEntry(folder + "evidence-matrix.xlsx", CompressionLevel.Fastest);
        await using (var target = matrixEntry.Open())
        {
            workbook.Position = 0;
            await workbook.CopyToAsync(target, ct);
        }
    }

    static string FilePath(EvidenceDetail detail, EvidenceFile file) => $"files/{detail.Id}-r{detail.Revision.Number}-{file.Id}-{UploadFileName.Sanitise(file.DisplayName)}";

    static string RevisionPage(EvidenceDetail d, Review? review, IReadOnlyList<Judgement> judgements)
    {
        var html = new StringBuilder(Page(d.Title));
        html.Append($"<p><a href=\"../index.html\">Back to the portfolio</a></p><h1>{E(d.Title)}</h1>");
        html.Append($"<p>{E(d.Kind.DisplayName())}, revision {d.Revision.Number}, {(d.Revision.SubmittedAt is { } at ? $"submitted {at:d MMMM yyyy HH:mm} UTC" : "draft")}.</p>");
        html.Append("<h2>Text</h2><div class=\"text\">").Append(d.TextHtml().Html).Append("</div>");
        AppendPlanLinks(html, d.Links);
        if (d.Annotations.Count > 0)
        {
            html.Append("<h2>Annotations</h2><ul>");
            foreach (var a in d.Annotations)
            {
                html.Append($"<li>{(a.QuoteExact is null ? "A region of a picture" : $"“{E(a.QuoteExact)}”")}: {MarkdownRenderer.ToSafeHtml(a.Comment)} {(a.PointCodes.Length > 0 ? $"(shows {E(string.Join(", ", a.PointCodes))})" : "")}</li>");
            }
            html.Append("</ul>");
        }
        if (d.Files.Count > 0)
        {
            html.Append("<h2>Files</h2><ul>");
            foreach (var f in d.Files)
            {
                html.Append($"<li><a href=\"../{E(FilePath(d, f))}\">{E(f.DisplayName)}</a> ({E(f.Description)})</li>");
            }
            html.Append("</ul>");
        }
        html.Append("<h2>Marking points claimed</h2><table><tr><th>Marking point</th><th>Why</th><th>Judgement</th><th>Feedback</th></tr>");
        foreach (var m in d.Mappings)
        {
            var j = judgements.FirstOrDefault(x => x.MarkingPointId == m.MarkingPointId);
            html.Append($"<tr><td>{E(m.PointCode)} {E(m.PointText)}</td><td>{E(m.Rationale)}</td><td>{(j is null ? "" : E(Outcomes.DisplayName(j.Outcome)))}</td><td>{MarkdownRenderer.ToSafeHtml(j?.Feedback)}</td></tr>");
        }
        html.Append("</table>");
        if (review is not null)
        {
            html.Append($"<h2>Assessor's feedback</h2>{MarkdownRenderer.ToSafeHtml(review.OverallFeedback)}<p>{E(review.AssessorName)}{(review.ReturnedAt is { } r ? $", {r:d MMMM yyyy}" : "")}</p>");
            if (review.CandidateResponse is { } answer)
            {
                html.Append($"<h3>The candidate's answer</h3>{MarkdownRenderer.ToSafeHtml(answer)}");
            }
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>The plan a progress review looks back on, with its steps, or the reviews of a plan: linked both ways.</summary>
    static void AppendPlanLinks(StringBuilder html, PlanLinks links)
    {
        if (links.Plan is { } plan)
        {
            html.Append($"<h2>The plan under review</h2><p id=\"reviewed-plan\"><a href=\"{plan.ItemId}-revision-{plan.RevisionNumber}.html\">{E(plan.Title)}</a>")
                .Append($" (revision {plan.RevisionNumber})</p><ol id=\"reviewed-plan-steps\">");
            foreach (var s in plan.Steps)
            {
                var by = s.ByWhen is { } on ? $", due {on:d MMMM yyyy}" : "";
                html.Append($"<li><strong>{E(s.Action)}</strong> {(s.Who is { Length: > 0 } who ? $"by {E(who)}" : "")}{by}</li>");
            }
            html.Append("</ol>");
        }
        if (links.ReviewedIn.Count > 0)
        {
            html.Append("<h2>Reviewed in</h2><ul id=\"reviewed-in\">");
            foreach (var r in links.ReviewedIn)
            {
                html.Append($"<li><a href=\"{r.ItemId}-revision-{r.RevisionNumber}.html\">{E(r.Title)}</a></li>");
            }
            html.Append("</ul>");
        }
    }

    internal static string Page(string title) =>
        $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>{Style}</style></head><body>";

    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    internal static async Task WriteTextAsync(ZipArchive zip, string name, string text, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = entry.Open();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), ct);
    }
}
