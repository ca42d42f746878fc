package io.perpetua.trading.carry;

/** A carry action refused: by its state, a hard limit or the acceptance checklist. */
public final class CarryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Kind {
    /** No instance with that id. */
    NOT_FOUND,
    /** Not allowed in this state, or refused by a hard limit of spec §7. */
    CONFLICT,
    /** The acceptance checklist for real mode is not passed. */
    CHECKLIST
  }

  private final Kind kind;

  /** An exception of {@code kind}. */
  public CarryException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** Why the action was refused. */
  public Kind kind() {
    return kind;
  }
}
