using Dapper;
using Portfolio.Assessment;
using Portfolio.Evidence;
using Portfolio.People;
using Portfolio.Quality;
using Portfolio.Rubrics;
using Portfolio.Tests.Pages.PortfolioArea;

namespace Portfolio.Tests.Pages.Verify;

/// <summary>Arrange steps for quality assurance: judged and returned evidence, sign-offs, samples.</summary>
public static class QualitySteps
{
    public static Task<long> QualificationIdAsync(TestDatabase db, EnrolledCandidate e) =>
        db.ScalarAsync<long>("SELECT qualification_id FROM rubric_versions WHERE id = @v", new { v = e.VersionId });

    /// <summary>A second candidate on the same qualification with their own assessor (or the given one).</summary>
    public static async Task<EnrolledCandidate> AnotherCandidateAsync(TestDatabase db, EnrolledCandidate e, TestPerson? assessor = null)
    {
        var candidate = await db.PersonAsync(e.CentreId, Role.Candidate);
        assessor ??= await db.PersonAsync(e.CentreId, Role.Assessor);
        await using var conn = await db.DataSource.OpenConnectionAsync();
        var enrolment = await conn.ExecuteScalarAsync<long>("""
            INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
            SELECT @centre, @candidate, qualification_id, id, @assessor, @iqa FROM rubric_versions WHERE id = @version RETURNING id
            """, new { centre = e.CentreId, candidate = candidate.Id, assessor = assessor.Id, iqa = e.Iqa.Id, version = e.VersionId });
        return e with { EnrolmentId = enrolment, Candidate = candidate, Assessor = assessor };
    }

    /// <summary>An item of the kind claiming the points, submitted, judged met and returned by the assessor.</summary>
    public static Task<long> ReturnedAsync(TestDatabase db, EnrolledCandidate e, EvidenceKind kind, string text, params string[] codes) =>
        ReturnedAsync(db, e, kind, new EvidenceContent { Notes = text }, codes);

    /// <summary>An item of the kind with the given content, claiming the points, submitted, judged met and returned.</summary>
    public static async Task<long> ReturnedAsync(TestDatabase db, EnrolledCandidate e, EvidenceKind kind, EvidenceContent content, params string[] codes)
    {
        var id = await DraftAsync(db, e, kind, content);
        await SubmitAndReturnAsync(db, e, id, codes);
        return id;
    }

    /// <summary>A draft item of the kind with the text, not yet submitted (files can still be added).</summary>
    public static Task<long> DraftAsync(TestDatabase db, EnrolledCandidate e, EvidenceKind kind, string text) =>
        DraftAsync(db, e, kind, new EvidenceContent { Notes = text });

    /// <summary>A draft item of the kind with the given content, not yet submitted.</summary>
    public static async Task<long> DraftAsync(TestDatabase db, EnrolledCandidate e, EvidenceKind kind, EvidenceContent content)
    {
        var id = await EvidenceTestSteps.ItemAsync(db, e, EvidenceKind.OtherDocument, content: content);
        await db.ScalarAsync<int>("UPDATE evidence_items SET kind = @kind WHERE id = @id RETURNING 1", new { kind = kind.Key(), id });
        return id;
    }

    /// <summary>Maps the draft to the points, submits it, and the assessor judges every point met and returns it.</summary>
    public static async Task SubmitAndReturnAsync(TestDatabase db, EnrolledCandidate e, long id, params string[] codes)
    {
        var store = new EvidenceStore(db.DataSource);
        var judgements = new List<JudgementInput>();
        foreach (var code in codes)
        {
            var point = await db.PointIdAsync(e.VersionId, code);
            Assert.Equal(EvidenceRefusal.None, await store.MapAsync(e.CentreId, e.Candidate.Id, id, point, "Shown in the text", null));
            judgements.Add(new JudgementInput(point, Outcome.Met, $"Met: {code}"));
        }
        var version = await db.ScalarAsync<long>("SELECT xmin::text::bigint FROM evidence_revisions WHERE item_id = @id", new { id });
        Assert.Equal(EvidenceRefusal.None, await store.SubmitAsync(e.CentreId, e.Candidate.Id, id, version, true, true));
        Assert.Equal(AssessmentRefusal.None, await new AssessmentStore(db.DataSource).JudgeAsync(e.CentreId, e.Assessor.Id, id, 0, judgements, [], "Well evidenced.", true));
    }

    /// <summary>An action plan with two steps and a progress review of it, both submitted and returned.</summary>
    public static async Task<(long Plan, long Review)> PlanAndReviewAsync(TestDatabase db, EnrolledCandidate e)
    {
        var plan = await ReturnedAsync(db, e, EvidenceKind.ActionPlan, new EvidenceContent
        {
            Steps = [new PlanStepInput { Action = "Phone the college", Who = "Client" }, new PlanStepInput { Action = "Update the CV", Who = "Adviser" }],
        }, "1.1.1");
        var review = await ReturnedAsync(db, e, EvidenceKind.ProgressReview,
            new EvidenceContent { ReviewedItemId = plan, Achievements = "The college call was made." }, "1.1.2");
        return (plan, review);
    }

    /// <summary>A 1×1 transparent PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    /// <summary>A draft action plan with a photo the candidate uploaded through the upload form.</summary>
    public static async Task<long> DraftWithPhotoAsync(PortfolioApp app, EnrolledCandidate e)
    {
        var item = await DraftAsync(app, e, EvidenceKind.ActionPlan, "Plan with a photo of the whiteboard.");
        var candidate = await app.SignedInAsync(e.Candidate);
        await EvidenceTestSteps.OnViewAsync(candidate, item, "#upload-form", new() { ["upload"] = new FileUpload("whiteboard.png", Png, "image/png") });
        return item;
    }

    /// <summary>An action plan with an uploaded photo, submitted, judged met on the point and returned.</summary>
    public static async Task<(long Item, long File)> ReturnedWithPhotoAsync(PortfolioApp app, EnrolledCandidate e, string code)
    {
        var item = await DraftWithPhotoAsync(app, e);
        await SubmitAndReturnAsync(app, e, item, code);
        return (item, await FileOfAsync(app, item));
    }

    public static Task<long> FileOfAsync(TestDatabase db, long item) => db.ScalarAsync<long>(
        "SELECT f.id FROM evidence_files f JOIN evidence_revisions r ON r.id = f.revision_id WHERE r.item_id = @item", new { item });

    public static QualityStore Store(TestDatabase db) => new(db.DataSource, new EvidenceStore(db.DataSource));

    /// <summary>Samples every open decision of the qualification; returns the new sample ids.</summary>
    public static async Task<IReadOnlyList<long>> SampleAllAsync(TestDatabase db, EnrolledCandidate e)
    {
        var store = Store(db);
        var qualificationId = await QualificationIdAsync(db, e);
        var keys = (await store.DecisionsAsync(e.CentreId, qualificationId)).Select(d => d.Key).ToList();
        return await store.TakeSamplesAsync(e.CentreId, e.Iqa.Id, qualificationId, keys);
    }

    /// <summary>
    /// Adds candidates named "Trainee 01" to "Trainee NN", each enrolled like <paramref name="e"/> with its assessor
    /// and IQA, in one statement: for lists longer than a page.
    /// </summary>
    public static async Task TraineesAsync(TestDatabase db, EnrolledCandidate e, int count)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await conn.ExecuteAsync("""
            WITH trainees AS (
                INSERT INTO people (centre_id, email, display_name, password_hash, roles)
                SELECT @centre, 'trainee' || n || '-' || @enrolment || '@trainees.test', 'Trainee ' || lpad(n::text, 2, '0'),
                       'x', ARRAY['candidate']
                FROM generate_series(1, @count) n RETURNING id)
            INSERT INTO enrolments (centre_id, candidate_id, qualification_id, rubric_version_id, assessor_id, iqa_id)
            SELECT @centre, t.id, v.qualification_id, v.id, @assessor, @iqa FROM trainees t, rubric_versions v
            WHERE v.id = @version
            """, new { centre = e.CentreId, enrolment = e.EnrolmentId, count, assessor = e.Assessor.Id, iqa = e.Iqa.Id, version = e.VersionId });
    }
}
