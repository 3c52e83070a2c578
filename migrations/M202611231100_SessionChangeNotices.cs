using FluentMigrator;

namespace Portfolio.Migrations;

/// <summary>
/// Tells every web node, on commit, whose session check has changed: a PostgreSQL notice on the channel
/// <c>portfolio_people</c> carrying the person's id whenever a sign-in session of theirs ends (sign-out, password change,
/// expiry), their name, email, roles or active flag change, a notification of theirs arrives or is read, or the version of
/// their pages changes (migration M202611231000). Nodes keep session checks in memory and drop a person's the moment the
/// notice comes (Portfolio.Web.Account.SessionCache). Notices are sent only by transactions that commit, in commit order,
/// and PostgreSQL folds repeats of one id within a transaction into one.
/// </summary>
[Migration(202611231100)]
public sealed class M202611231100_SessionChangeNotices : Migration
{
    public override void Up()
    {
        Execute.Sql("""
            -- TG_ARGV[0]: the column holding the person's id.
            CREATE FUNCTION notify_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('portfolio_people', to_jsonb(CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END) ->> TG_ARGV[0]);
                RETURN NULL;
            END $$;

            CREATE TRIGGER sign_in_sessions_notify AFTER UPDATE ON sign_in_sessions FOR EACH ROW
                WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at)
                EXECUTE FUNCTION notify_session_change('person_id');
            CREATE TRIGGER people_notify AFTER UPDATE ON people FOR EACH ROW
                WHEN ((OLD.email, OLD.display_name, OLD.roles, OLD.active, OLD.centre_id)
                      IS DISTINCT FROM (NEW.email, NEW.display_name, NEW.roles, NEW.active, NEW.centre_id))
                EXECUTE FUNCTION notify_session_change('id');
            CREATE TRIGGER notifications_notify AFTER INSERT OR UPDATE OR DELETE ON notifications FOR EACH ROW
                EXECUTE FUNCTION notify_session_change('person_id');
            CREATE TRIGGER person_versions_notify AFTER INSERT OR UPDATE ON person_versions FOR EACH ROW
                EXECUTE FUNCTION notify_session_change('person_id');
            """);
    }

    public override void Down()
    {
        Execute.Sql("""
            DROP TRIGGER person_versions_notify ON person_versions;
            DROP TRIGGER notifications_notify ON notifications;
            DROP TRIGGER people_notify ON people;
            DROP TRIGGER sign_in_sessions_notify ON sign_in_sessions;
            DROP FUNCTION notify_session_change();
            """);
    }
}
