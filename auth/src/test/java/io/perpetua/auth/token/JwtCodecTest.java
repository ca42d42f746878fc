package io.perpetua.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perpetua.auth.AuthException;
import io.perpetua.auth.AuthException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtCodecTest {
  private final JwtCodec codec = new JwtCodec(new byte[32]);

  @Test
  void signAndVerify_roundTrips_untilExpiry() {
    String token = codec.sign(Map.of("sub", "alice", "exp", 100));
    assertThat(codec.verify(token, 99)).containsEntry("sub", "alice");
    assertThatThrownBy(() -> codec.verify(token, 100))
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.EXPIRED_TOKEN);
  }

  @Test
  void otherKey_algNone_tamperedPayload_andGarbage_areInvalid() {
    String token = codec.sign(Map.of("sub", "alice", "exp", 100));
    byte[] other = new byte[32];
    other[0] = 1;
    assertInvalid(new JwtCodec(other), token);
    String[] parts = token.split("\\.");
    String none =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    assertInvalid(codec, none + "." + parts[1] + ".");
    String admin =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":\"root\",\"exp\":100}".getBytes(StandardCharsets.UTF_8));
    assertInvalid(codec, parts[0] + "." + admin + "." + parts[2]);
    for (String junk : new String[] {"", "a.b", "a.b.c", "..", "x".repeat(5000), "é.é.é"}) {
      assertInvalid(codec, junk);
    }
    assertThatThrownBy(() -> new JwtCodec(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void signingKey_isGeneratedOnce_ownerOnly_andReadBack(@TempDir Path dir) throws Exception {
    byte[] first = SigningKeyFile.resolve(dir, Map.of());
    Path file = dir.resolve(SigningKeyFile.FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(first).hasSize(32);
    assertThat(SigningKeyFile.resolve(dir, Map.of())).isEqualTo(first);
    Path secret = dir.resolve("vault-secret");
    byte[] configured = new byte[48];
    configured[5] = 7;
    Files.writeString(secret, Base64.getEncoder().encodeToString(configured) + "\n");
    assertThat(SigningKeyFile.resolve(dir, Map.of(SigningKeyFile.ENV + "_FILE", secret.toString())))
        .isEqualTo(configured);
    assertThatThrownBy(() -> SigningKeyFile.resolve(dir, Map.of(SigningKeyFile.ENV, "c2hvcnQ=")))
        .hasMessageContaining("256 bits")
        .hasMessageNotContaining("c2hvcnQ");
  }

  private static void assertInvalid(JwtCodec codec, String token) {
    assertThatThrownBy(() -> codec.verify(token, 0))
        .isInstanceOf(AuthException.class)
        .extracting(e -> ((AuthException) e).reason())
        .isEqualTo(Reason.INVALID_TOKEN);
  }
}
