using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Portfolio.Quality;

namespace Portfolio.Web.Account;

/// <summary>
/// Writes an audit row for every page of the external area an EQA opens or is refused: who, what (path and query),
/// when, from where. Applied to the whole /External folder so no page can forget it.
/// </summary>
public sealed class ExternalAccessLogFilter(ExternalAccess access) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled || context.HttpContext.User.TryPerson() is not { } person)
        {
            return;
        }
        var status = executed.Result switch
        {
            IStatusCodeActionResult { StatusCode: { } code } => code,
            RedirectToPageResult => StatusCodes.Status302Found,
            _ => StatusCodes.Status200OK,
        };
        var request = context.HttpContext.Request;
        await access.LogAsync(person.CentreId, person.Id, request.Path + request.QueryString, status,
            context.HttpContext.Connection.RemoteIpAddress?.ToString(), context.HttpContext.RequestAborted);
    }
}
