package io.perpetua.auth.account;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link InviteStore} in memory, for tests. Thread-safe (synchronized). */
public final class InMemoryInviteStore implements InviteStore {
  private final Map<String, InviteCode> invites = new LinkedHashMap<>();

  @Override
  public synchronized void insert(InviteCode invite) {
    if (invites.putIfAbsent(invite.code(), invite) != null) {
      throw new IllegalArgumentException("invite exists");
    }
  }

  @Override
  public synchronized Optional<InviteCode> find(String code) {
    return Optional.ofNullable(invites.get(code));
  }

  @Override
  public synchronized List<InviteCode> list() {
    return new ArrayList<>(invites.values());
  }

  @Override
  public synchronized boolean consume(String code, Instant now) {
    InviteCode i = invites.get(code);
    if (i == null || !i.status(now).equals("active")) {
      return false;
    }
    invites.put(
        code,
        new InviteCode(
            i.code(),
            i.role(),
            i.maxUses(),
            i.usedCount() + 1,
            false,
            i.expiresAt(),
            i.createdBy(),
            i.createdAt()));
    return true;
  }

  @Override
  public synchronized boolean disable(String code) {
    InviteCode i = invites.get(code);
    if (i == null) {
      return false;
    }
    invites.put(
        code,
        new InviteCode(
            i.code(),
            i.role(),
            i.maxUses(),
            i.usedCount(),
            true,
            i.expiresAt(),
            i.createdBy(),
            i.createdAt()));
    return true;
  }
}
