-- Sign-in is throttled per client address and per user in memory (Users/SignInThrottle, docs/security.md) instead of
-- locking an account in the database after five wrong passwords, which let anyone keep any user locked out.
ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until;
