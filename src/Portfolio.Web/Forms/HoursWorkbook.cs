using Portfolio.Hours;

namespace Portfolio.Web.Forms;

/// <summary>Sends a candidate's learning-hours log as a workbook, written straight to the response.</summary>
public static class HoursWorkbook
{
    public static Task SendAsync(HttpContext http, HoursStore hours, LearningPlan plan, DateOnly today,
        CancellationToken ct)
    {
        http.Response.ContentType = MatrixPage.ExcelType;
        http.Response.Headers.ContentDisposition =
            $"attachment; filename=\"{MatrixPage.FileName("learning-hours", plan.CandidateName)}\"";
        // The workbook is zipped as it is written; the zip writer needs synchronous writes on the response.
        http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        ct.ThrowIfCancellationRequested();
        HoursWorkbooks.WriteLog(plan, hours.AllEntries(plan.EnrolmentId), today, http.Response.Body);
        return Task.CompletedTask;
    }
}
