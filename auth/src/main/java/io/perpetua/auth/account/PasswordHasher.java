package io.perpetua.auth.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing (Bouncy Castle), in the PHC string format {@code
 * $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (unpadded base64), so the parameters
 * travel with each hash and can be raised later. Verification recomputes with the stored parameters
 * and compares in constant time. Immutable and thread-safe.
 */
public final class PasswordHasher {
  /** The OWASP recommendation: 19 MiB, 2 passes, 1 lane. */
  public static final PasswordHasher DEFAULT = new PasswordHasher(19_456, 2, 1);

  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final int memoryKib;
  private final int passes;
  private final int lanes;
  private final SecureRandom random = new SecureRandom();

  /** A hasher with these costs (tests use small ones). */
  public PasswordHasher(int memoryKib, int passes, int lanes) {
    if (memoryKib < 8 * lanes || passes < 1 || lanes < 1) {
      throw new IllegalArgumentException("Argon2 costs out of range");
    }
    this.memoryKib = memoryKib;
    this.passes = passes;
    this.lanes = lanes;
  }

  /** The PHC string of {@code password} with a fresh random salt. */
  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKib, passes, lanes, HASH_BYTES);
    return "$argon2id$v=19$m="
        + memoryKib
        + ",t="
        + passes
        + ",p="
        + lanes
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(out);
  }

  /** Whether {@code password} matches {@code encoded}; false for any malformed encoding. */
  public boolean verify(String password, String encoded) {
    if (password == null || encoded == null) {
      return false;
    }
    String[] parts = encoded.split("\\$", -1);
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      String[] costs = parts[3].split(",", -1);
      int m = Integer.parseInt(costs[0].substring(2));
      int t = Integer.parseInt(costs[1].substring(2));
      int p = Integer.parseInt(costs[2].substring(2));
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      byte[] actual = derive(password, salt, m, t, p, expected.length);
      return MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static byte[] derive(String password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(m)
            .withIterations(t)
            .withParallelism(p)
            .withSalt(salt)
            .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
    return out;
  }
}
