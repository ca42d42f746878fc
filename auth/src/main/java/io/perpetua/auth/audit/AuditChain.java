package io.perpetua.auth.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain of the audit log: each entry's hash covers its position, every field of its event
 * (length-prefixed, so no two different entries hash the same text) and the previous entry's hash.
 * Editing an entry breaks its own hash; deleting one breaks the next entry's link and leaves a gap
 * in the positions. {@link Verifier} walks the log in order and names the first broken entry.
 * Stateless.
 */
public final class AuditChain {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The hash of entry {@code seq} with {@code event} after {@code prevHash}. */
  public static String hash(long seq, AuditEvent event, String prevHash) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
    sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(event.at().toEpochMilli()).array());
    for (String field :
        new String[] {
          event.actor(),
          event.action(),
          event.entity(),
          event.entityId(),
          event.before(),
          event.after(),
          event.reason(),
          event.requestId(),
          prevHash
        }) {
      if (field == null) {
        sha.update(ByteBuffer.allocate(4).putInt(-1).array());
      } else {
        byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
        sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        sha.update(bytes);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** The entry after {@code previous} (null for the first). */
  public static AuditEntry next(AuditEntry previous, AuditEvent event) {
    long seq = previous == null ? 1 : previous.seq() + 1;
    String prev = previous == null ? GENESIS : previous.hash();
    return new AuditEntry(seq, event, prev, hash(seq, event, prev));
  }

  /**
   * The outcome of a verification.
   *
   * @param ok whether every entry checked out
   * @param checked how many entries were read
   * @param firstBrokenSeq the position of the first broken entry (0 when ok)
   * @param problem what is wrong with it (empty when ok)
   */
  public record Verification(boolean ok, long checked, long firstBrokenSeq, String problem) {}

  /** Checks entries fed in position order. Not thread-safe. */
  public static final class Verifier {
    private long expectedSeq = 1;
    private String expectedPrev = GENESIS;
    private long checked;
    private Verification broken;

    /** Checks the next entry; after the first break, further entries are only counted. */
    public void accept(AuditEntry entry) {
      checked++;
      if (broken != null) {
        return;
      }
      if (entry.seq() != expectedSeq) {
        fail(
            expectedSeq,
            "entry "
                + expectedSeq
                + " is missing (deleted?): the next entry found is "
                + entry.seq());
      } else if (!entry.prevHash().equals(expectedPrev)) {
        fail(entry.seq(), "entry " + entry.seq() + " does not link to the previous entry's hash");
      } else if (!AuditChain.hash(entry.seq(), entry.event(), entry.prevHash())
          .equals(entry.hash())) {
        fail(entry.seq(), "entry " + entry.seq() + " was modified: its hash does not match");
      }
      expectedSeq = entry.seq() + 1;
      expectedPrev = entry.hash();
    }

    private void fail(long seq, String problem) {
      broken = new Verification(false, 0, seq, problem);
    }

    /** The result so far. */
    public Verification result() {
      return broken == null
          ? new Verification(true, checked, 0, "")
          : new Verification(false, checked, broken.firstBrokenSeq(), broken.problem());
    }
  }
}
