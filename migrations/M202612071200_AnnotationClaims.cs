using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// An annotation that names marking points claims them for its item, exactly as a mapping does, so everything that
/// counts claims (matrices, progress summaries, the review form, cohort figures, workbooks) counts it without knowing
/// about annotations: naming a point makes (or points) the item's mapping of that point at the annotation.
/// by_annotation marks a mapping that exists only because an annotation named the point; removing its last annotation
/// removes it unless an assessor has judged the point on that item. Existing annotations' points become claims here.
/// Mappings already carry the progress and page-version triggers, so the summaries and kept pages follow.
/// </summary>
[Migration(202612071200)]
public sealed class M202612071200_AnnotationClaims : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            ALTER TABLE mappings ADD COLUMN by_annotation boolean NOT NULL DEFAULT false;

            -- Makes each point the given annotations name a claim of their item: a new mapping (the annotation's
            -- comment as the reason) where the item had none, or a passage for a mapping that had none. Returns the
            -- mappings touched.
            CREATE FUNCTION claim_annotated_points(annotation_ids bigint[])
            RETURNS TABLE (mapping_id bigint, point_id bigint) LANGUAGE sql AS $$
                INSERT INTO mappings AS m
                    (item_id, marking_point_id, rationale, annotation_id, created_at, created_by, by_annotation)
                SELECT DISTINCT ON (a.item_id, ap.marking_point_id)
                       a.item_id, ap.marking_point_id, a.comment, a.id, a.created_at, a.created_by, true
                FROM annotations a JOIN annotation_points ap ON ap.annotation_id = a.id
                WHERE a.id = ANY(annotation_ids)
                ORDER BY a.item_id, ap.marking_point_id, a.id
                ON CONFLICT (item_id, marking_point_id) DO UPDATE SET annotation_id = excluded.annotation_id
                    WHERE m.annotation_id IS NULL
                RETURNING m.id, m.marking_point_id
            $$;

            -- Before an annotation is deleted: each claim pointing at it moves to another annotation of the item
            -- naming the same point; a claim the annotation alone made goes, unless an assessor has judged that point
            -- on the item; any other claim stays without a passage (the foreign key clears it). Returns each point
            -- moved or withdrawn.
            CREATE FUNCTION release_annotation_claims(gone bigint) RETURNS TABLE (point_id bigint, change text)
            LANGUAGE sql AS $$
                WITH resting AS (
                    SELECT m.id, m.item_id, m.marking_point_id, m.by_annotation
                    FROM mappings m WHERE m.annotation_id = gone),
                other AS (
                    SELECT DISTINCT ON (r.id) r.id AS mapping_id, a.id AS annotation_id, a.comment
                    FROM resting r JOIN annotation_points ap ON ap.marking_point_id = r.marking_point_id
                    JOIN annotations a ON a.id = ap.annotation_id AND a.item_id = r.item_id AND a.id <> gone
                    ORDER BY r.id, a.id),
                moved AS (
                    UPDATE mappings m SET annotation_id = o.annotation_id,
                        rationale = CASE WHEN m.by_annotation THEN o.comment ELSE m.rationale END
                    FROM other o WHERE m.id = o.mapping_id
                    RETURNING m.marking_point_id),
                withdrawn AS (
                    DELETE FROM mappings m USING resting r
                    WHERE m.id = r.id AND r.by_annotation
                      AND NOT EXISTS (SELECT 1 FROM other o WHERE o.mapping_id = r.id)
                      AND NOT EXISTS (SELECT 1 FROM judgements j
                                      WHERE j.item_id = r.item_id AND j.marking_point_id = r.marking_point_id)
                    RETURNING m.marking_point_id)
                SELECT marking_point_id, 'moved' FROM moved
                UNION ALL SELECT marking_point_id, 'withdrawn' FROM withdrawn
            $$;

            SELECT count(*) FROM claim_annotated_points((SELECT array_agg(id) FROM annotations));
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP FUNCTION release_annotation_claims(bigint);
            DROP FUNCTION claim_annotated_points(bigint[]);
            ALTER TABLE mappings DROP COLUMN by_annotation;
            """);
    }
}
