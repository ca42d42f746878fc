/**
 * Accounts: users with Argon2id passwords ({@link io.perpetua.auth.account.PasswordHasher}),
 * optional TOTP ({@link io.perpetua.auth.account.Totp}) with recovery codes, invite-only
 * registration, logins with a lock after repeated failures ({@link
 * io.perpetua.auth.account.Accounts}), and the admin commands ({@link
 * io.perpetua.auth.account.AccountAdmin}).
 */
package io.perpetua.auth.account;
