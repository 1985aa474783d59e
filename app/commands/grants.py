"""`db grant-console ROLE [--admin]`: the least-privilege PostgreSQL deployment (README, "Security").

The migration owner (the role that ran `db upgrade` and owns the tables) runs it once per role and
again after each upgrade. Workstations then connect as a login that is a member of ROLE:

- a console role may read everything the console shows, append to the timeline, the callbacks and
  the access log and the tasks' steps, write cases, case numbers, the summary tables, callback claims,
  proactive tasks and key-topic plans, and on `staff`
  only the login throttling columns (failed_logins, locked_until). It cannot create an account or
  change anyone's role, unit or active flag: a workstation's database login, used from psql, cannot
  make itself administrator. A non-administrator's own password changes through the owner's
  function hotline_change_password (SECURITY DEFINER), which needs the current hash and refuses
  administrators' accounts.
- `--admin`: the role of administrators' workstations adds accounts (staff), units, categories, key
  topics, rules, settings and seasons.

The append-only triggers (migration 0002_staff) still refuse UPDATE/DELETE on the timeline whoever
connects; only the owner can drop them.
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

APPEND_ONLY = ("access_log", "case_events", "callbacks", "task_events", "knowledge_answers")
CASE_WORK = ("cases", "case_number_counters", "stat_daily", "stat_monthly_unit", "stat_monthly_category", "routing_counts", "stat_place",
             "callback_claims", "proactive_tasks", "topic_plans", "topic_plan_streets")
ADMINISTRATION = ("staff", "units", "categories", "key_topics", "deadline_rules", "scoring_rules", "settings",
                  "seasons", "season_categories", "knowledge_articles", "knowledge_synonyms")
THROTTLING_COLUMNS = ("failed_logins", "locked_until")


PASSWORD_FUNCTION = "hotline_change_password(integer, text, text)"
# Owned by the owner (SECURITY DEFINER): a console login changes a password only knowing the current hash,
# and never an administrator's (their passwords change at an administrators' workstation).
CREATE_PASSWORD_FUNCTION = """
CREATE OR REPLACE FUNCTION hotline_change_password(p_staff_id integer, p_old_hash text, p_new_hash text)
RETURNS boolean LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
    WITH changed AS (
        UPDATE staff SET password_hash = p_new_hash
        WHERE id = p_staff_id AND password_hash = p_old_hash AND role <> 'admin' AND active
          AND left(p_new_hash, 7) = 'scrypt$'
        RETURNING 1)
    SELECT EXISTS (SELECT 1 FROM changed)
$$"""


def statements(role: str, admin: bool) -> list[str]:
    """The GRANTs (after revoking what the role had) for a console role, or an administrators' one."""
    r = f'"{role}"'
    out = [
        CREATE_PASSWORD_FUNCTION,
        f"REVOKE ALL ON FUNCTION {PASSWORD_FUNCTION} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {PASSWORD_FUNCTION} TO {r}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {r}",
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"GRANT INSERT ON {', '.join(APPEND_ONLY)} TO {r}",
        f"GRANT INSERT, UPDATE ON {', '.join(CASE_WORK)} TO {r}",
        f"GRANT DELETE ON callback_claims, topic_plan_streets TO {r}",  # a plan's streets are replaced
        f"GRANT UPDATE ({', '.join(THROTTLING_COLUMNS)}) ON staff TO {r}",
    ]
    if admin:
        out += [f"GRANT INSERT, UPDATE ON {', '.join(ADMINISTRATION)} TO {r}",
                f"GRANT INSERT ON knowledge_article_versions TO {r}",  # append-only: the articles' history
                f"GRANT DELETE ON key_topics, season_categories, knowledge_synonyms TO {r}"]
    return out


def add_parser(dbsub, add_db: Callable[[argparse.ArgumentParser], None]) -> None:
    p = dbsub.add_parser("grant-console", help="PostgreSQL: give ROLE only what a console needs (run as the owner)")
    p.add_argument("role", metavar="ROLE", help="an existing PostgreSQL role (the workstations' logins are its members)")
    p.add_argument("--admin", action="store_true", help="also accounts, units, categories and rules (administrators)")
    add_db(p)


def cmd_grant_console(args) -> int:
    from sqlalchemy import text

    from app import db
    from app.commands import engine_for

    role = args.role.strip()
    if not role or '"' in role or "\x00" in role:
        print(f"error: not a role name: {args.role!r}", file=sys.stderr)
        return 2
    engine = engine_for(args)
    try:
        if engine.url.get_backend_name() != "postgresql":
            print("error: grant-console is for PostgreSQL (an embedded SQLite file has no roles)", file=sys.stderr)
            return 2
        with engine.begin() as conn:
            if conn.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}) is None:
                print(f"error: no PostgreSQL role {role!r}: create it first (CREATE ROLE … )", file=sys.stderr)
                return 2
            for statement in statements(role, args.admin):
                conn.exec_driver_sql(statement)
    finally:
        engine.dispose()
    print(f"role {role}: {'administrators' if args.admin else 'console'} privileges granted on {db.display_url(str(engine.url))}")
    return 0
