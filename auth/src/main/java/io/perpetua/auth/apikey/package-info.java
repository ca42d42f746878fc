/**
 * The API keys of the signed job API: the {@link io.perpetua.auth.apikey.ApiKey} record (hashed
 * secret, owner, revocation) and its {@link io.perpetua.auth.apikey.ApiKeyStore} port, with an
 * in-memory adapter for tests (the JDBC one is in {@code store}).
 */
package io.perpetua.auth.apikey;
