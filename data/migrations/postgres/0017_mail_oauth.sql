-- Signing in to the mail provider with OAuth 2.0 (issue 15): which
-- provider the account signs in with ('' for a password), the Microsoft
-- tenant ('' for any work or school account) and the app registration the
-- owner chose in Settings ('' for the one Relance was built with: its id,
-- and for Google the "client secret" a desktop registration carries, which
-- Google documents as not secret: it ships in every copy of an app). The
-- refresh token is never here: it is in the OS keychain.
ALTER TABLE mail_account ADD COLUMN oauth_provider TEXT NOT NULL DEFAULT ''
    CHECK (oauth_provider IN ('', 'microsoft', 'google'));
ALTER TABLE mail_account ADD COLUMN oauth_tenant TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_account ADD COLUMN oauth_client_id TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_account ADD COLUMN oauth_client_secret TEXT NOT NULL DEFAULT '';
