using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Qualifications and their rubric versions (units, elements, marking points, the source files), and enrolments.
/// A rubric version is immutable: editing a rubric always makes a new version, so a version an enrolment
/// uses can never change under it.
/// </summary>
[Migration(202611230200)]
public sealed class M202611230200_CreateRubricsAndEnrolments : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            CREATE TABLE qualifications (
                id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id   bigint NOT NULL REFERENCES centres(id),
                code        text NOT NULL,
                created_at  timestamptz NOT NULL DEFAULT now(),
                UNIQUE (centre_id, code)
            );

            CREATE TABLE rubric_versions (
                id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                qualification_id      bigint NOT NULL REFERENCES qualifications(id),
                number                int NOT NULL,
                content_hash          text NOT NULL,
                title                 text NOT NULL,
                level                 int NOT NULL,
                awarding_organisation text NOT NULL,
                created_at            timestamptz NOT NULL DEFAULT now(),
                created_by            bigint REFERENCES people(id),
                UNIQUE (qualification_id, number)
            );

            CREATE TABLE rubric_files (
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                path              text NOT NULL,
                content           text NOT NULL,
                PRIMARY KEY (rubric_version_id, path)
            );

            CREATE TABLE rubric_units (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                code              text NOT NULL,
                title             text NOT NULL,
                position          int NOT NULL,
                UNIQUE (rubric_version_id, code)
            );

            CREATE TABLE rubric_elements (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                unit_id           bigint NOT NULL REFERENCES rubric_units(id),
                code              text NOT NULL,
                title             text NOT NULL,
                synopsis          text NOT NULL,
                key_concepts      text NOT NULL,
                guidance          text NOT NULL,
                common_mistakes   text NOT NULL,
                position          int NOT NULL,
                UNIQUE (rubric_version_id, code)
            );

            CREATE TABLE marking_points (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                element_id        bigint NOT NULL REFERENCES rubric_elements(id),
                code              text NOT NULL,
                text              text NOT NULL,
                evidence_kinds    text[] NOT NULL DEFAULT '{}',
                position          int NOT NULL,
                UNIQUE (rubric_version_id, code)
            );
            CREATE INDEX marking_points_element ON marking_points (element_id);

            -- Rubric content is written once, when its version is imported.
            CREATE FUNCTION rubric_content_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '% rows belong to an imported rubric version and cannot be changed: import a new version instead', TG_TABLE_NAME
                    USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER rubric_versions_immutable BEFORE UPDATE OR DELETE ON rubric_versions FOR EACH ROW EXECUTE FUNCTION rubric_content_refuse_change();
            CREATE TRIGGER rubric_files_immutable BEFORE UPDATE OR DELETE ON rubric_files FOR EACH ROW EXECUTE FUNCTION rubric_content_refuse_change();
            CREATE TRIGGER rubric_units_immutable BEFORE UPDATE OR DELETE ON rubric_units FOR EACH ROW EXECUTE FUNCTION rubric_content_refuse_change();
            CREATE TRIGGER rubric_elements_immutable BEFORE UPDATE OR DELETE ON rubric_elements FOR EACH ROW EXECUTE FUNCTION rubric_content_refuse_change();
            CREATE TRIGGER marking_points_immutable BEFORE UPDATE OR DELETE ON marking_points FOR EACH ROW EXECUTE FUNCTION rubric_content_refuse_change();

            CREATE TABLE enrolments (
                id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                centre_id         bigint NOT NULL REFERENCES centres(id),
                candidate_id      bigint NOT NULL REFERENCES people(id),
                qualification_id  bigint NOT NULL REFERENCES qualifications(id),
                rubric_version_id bigint NOT NULL REFERENCES rubric_versions(id),
                assessor_id       bigint REFERENCES people(id),
                iqa_id            bigint REFERENCES people(id),
                enrolled_at       timestamptz NOT NULL DEFAULT now(),
                UNIQUE (candidate_id, qualification_id)
            );
            CREATE INDEX enrolments_assessor ON enrolments (assessor_id);
            CREATE INDEX enrolments_centre ON enrolments (centre_id);
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TABLE enrolments;
            DROP TABLE marking_points;
            DROP TABLE rubric_elements;
            DROP TABLE rubric_units;
            DROP TABLE rubric_files;
            DROP TABLE rubric_versions;
            DROP FUNCTION rubric_content_refuse_change();
            DROP TABLE qualifications;
            """);
    }
}
