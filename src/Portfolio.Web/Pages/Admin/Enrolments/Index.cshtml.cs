using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Admin.Enrolments;

/// <summary>The centre's enrolments, a page at a time, with the ways to move, audit and download each.</summary>
public sealed class IndexModel(EnrolmentStore enrolments, NpgsqlDataSource db) : EnrolmentListPage(enrolments, db);
