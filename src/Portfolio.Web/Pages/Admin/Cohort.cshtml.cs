using Npgsql;
using Portfolio.Matrix;
using Portfolio.Web.Forms;

namespace Portfolio.Web.Pages.Admin;

/// <summary>The centre's cohort: progress, turnaround per assessor, and the cohort matrix in Excel.</summary>
public sealed class CohortModel(Cohort cohort, NpgsqlDataSource db) : CohortPage(cohort, db);
