package io.perpetua.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6238 Appendix B: every test vector, for the three hash algorithms. */
class TotpTest {
  private static final byte[] SHA1 = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA256 =
      "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHA512 =
      "1234567890123456789012345678901234567890123456789012345678901234"
          .getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082, 46119246, 90693936",
    "1111111109, 07081804, 68084774, 25091201",
    "1111111111, 14050471, 67062674, 99943326",
    "1234567890, 89005924, 91819424, 93441116",
    "2000000000, 69279037, 90698825, 38618901",
    "20000000000, 65353130, 77737706, 47863826"
  })
  void rfc6238Vectors(long time, String sha1, String sha256, String sha512) {
    assertThat(new Totp("HmacSHA1", 8).code(SHA1, time)).isEqualTo(sha1);
    assertThat(new Totp("HmacSHA256", 8).code(SHA256, time)).isEqualTo(sha256);
    assertThat(new Totp("HmacSHA512", 8).code(SHA512, time)).isEqualTo(sha512);
    assertThat(new Totp("HmacSHA1", 8).verify(SHA1, sha1, time + 30)).isTrue();
    assertThat(new Totp("HmacSHA1", 8).verify(SHA1, sha1, time + 90)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ, 12345678901234567890"})
  void base32_roundTrips(String encoded, String plain) {
    assertThat(Base32.decode(encoded)).isEqualTo(plain.getBytes(StandardCharsets.US_ASCII));
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
  }
}
