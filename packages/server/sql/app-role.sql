-- A database role for the server that does not own the schema, so it can neither change nor remove audit entries
-- nor switch off the triggers that refuse it (only an owner can). Run as the owner (the role `resoftai migrate`
-- runs as), in the ResoftAI database, after migrating; then start the server as resoftai_app with
-- MIGRATE_ON_START=false, and migrate as the owner before each upgrade.
CREATE ROLE resoftai_app LOGIN;
-- With password authentication: ALTER ROLE resoftai_app PASSWORD '…';
GRANT USAGE ON SCHEMA public, drizzle TO resoftai_app;
GRANT SELECT ON drizzle.__drizzle_migrations TO resoftai_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO resoftai_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO resoftai_app;
-- The audit log takes inserts only.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_logs FROM resoftai_app;
-- Tables and sequences that later migrations (run by the owner) create get the same grants.
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO resoftai_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO resoftai_app;
