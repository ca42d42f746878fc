package io.perpetua.auth.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

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

  /**
   * The action of an entry a log appends when it finds its head record past its last entry: entries
   * were removed from its end. Verification reports it as a break, so the evidence outlives the
   * head (which moves on once the log grows past it again).
   */
  public static final String TAIL_MISSING = "audit.tail_missing";

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

  /**
   * The log's head: the position and hash of its newest entry, kept apart from the entries (the
   * database's head record, or a copy anchored outside it) so that entries removed from the end of
   * the log can be noticed.
   *
   * @param seq the newest entry's position (0: an empty log)
   * @param hash that entry's hash ({@link #GENESIS} for an empty log)
   */
  public record Head(long seq, String hash) {
    /** Validates. */
    public Head {
      if (seq < 0) {
        throw new IllegalArgumentException("seq must not be negative, was " + seq);
      }
      Objects.requireNonNull(hash, "hash");
    }

    /** The head of a log whose newest entry is {@code last} (null: empty). */
    public static Head of(AuditEntry last) {
      return last == null ? new Head(0, GENESIS) : new Head(last.seq(), last.hash());
    }

    /** {@code seq:hash}, the form the CLI prints and reads back. */
    @Override
    public String toString() {
      return seq + ":" + hash;
    }

    /** Reads {@code seq:hash}. */
    public static Head parse(String text) {
      int colon = text == null ? -1 : text.indexOf(':');
      if (colon < 1) {
        throw new IllegalArgumentException("a head is SEQ:HASH, was " + text);
      }
      String hash = text.substring(colon + 1).trim();
      if (!hash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a head's hash is 64 lower-case hex digits");
      }
      try {
        return new Head(Long.parseLong(text.substring(0, colon).trim()), hash);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("a head's seq is a number, was " + text, e);
      }
    }
  }

  /** Checks entries fed in position order. Not thread-safe. */
  public static final class Verifier {
    private final List<Head> heads = new ArrayList<>();
    private final List<String> headNames = new ArrayList<>();
    private final java.util.Map<Long, String> hashAtHead = new java.util.HashMap<>();
    private long expectedSeq = 1;
    private String expectedPrev = GENESIS;
    private long checked;
    private AuditEntry last;
    private Verification broken;

    /**
     * Also checks that the log reaches {@code head} with its hash ({@code name} says which head in
     * the problem text, e.g. "the head record"); call before the first entry.
     */
    public Verifier expect(Head head, String name) {
      heads.add(Objects.requireNonNull(head, "head"));
      headNames.add(name);
      return this;
    }

    /** Checks the next entry; after the first break, further entries are only counted. */
    public void accept(AuditEntry entry) {
      checked++;
      last = entry;
      for (Head h : heads) {
        if (h.seq() == entry.seq()) {
          hashAtHead.put(h.seq(), entry.hash());
        }
      }
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
      } else if (TAIL_MISSING.equals(entry.event().action())) {
        fail(
            entry.seq(),
            "entry " + entry.seq() + " records a truncation: " + entry.event().reason());
      }
      expectedSeq = entry.seq() + 1;
      expectedPrev = entry.hash();
    }

    private void fail(long seq, String problem) {
      broken = new Verification(false, 0, seq, problem);
    }

    /** The result so far (the heads are checked once the chain itself is intact). */
    public Verification result() {
      if (broken == null) {
        checkHeads();
      }
      return broken == null
          ? new Verification(true, checked, 0, "")
          : new Verification(false, checked, broken.firstBrokenSeq(), broken.problem());
    }

    private void checkHeads() {
      long lastSeq = last == null ? 0 : last.seq();
      for (int i = 0; i < heads.size() && broken == null; i++) {
        Head h = heads.get(i);
        if (h.seq() > lastSeq) {
          fail(
              lastSeq + 1,
              "entries "
                  + (lastSeq + 1)
                  + ".."
                  + h.seq()
                  + " are missing from the end of the log (truncated?): "
                  + headNames.get(i)
                  + " says the log reached entry "
                  + h.seq());
        } else if (h.seq() > 0 && !h.hash().equals(hashAtHead.get(h.seq()))) {
          fail(
              h.seq(),
              "entry " + h.seq() + " does not have the hash " + headNames.get(i) + " recorded");
        }
      }
    }

    /** The head of the entries read so far. */
    public Head head() {
      return Head.of(last);
    }
  }
}
