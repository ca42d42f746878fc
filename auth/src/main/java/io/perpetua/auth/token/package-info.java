/**
 * Tokens: HS256 access JWTs ({@link io.perpetua.auth.token.JwtCodec}), one-time refresh tokens in
 * families ({@link io.perpetua.auth.token.RefreshTokenStore}), and where secrets and the signing
 * key come from ({@link io.perpetua.auth.token.Secrets}, {@link
 * io.perpetua.auth.token.SigningKeyFile}).
 */
package io.perpetua.auth.token;
