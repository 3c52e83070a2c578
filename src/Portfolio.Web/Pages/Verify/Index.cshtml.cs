using Npgsql;
using Portfolio.Enrolments;
using Portfolio.Web.Pages.Shared;

namespace Portfolio.Web.Pages.Verify;

/// <summary>The IQA's way in: the centre's candidates with their assessors, matrices and audit trails, a page at a time.</summary>
public sealed class IndexModel(EnrolmentStore enrolments, NpgsqlDataSource db) : EnrolmentListPage(enrolments, db);
