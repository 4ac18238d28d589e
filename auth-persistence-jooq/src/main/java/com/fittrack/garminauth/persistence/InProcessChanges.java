package com.fittrack.garminauth.persistence;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;

/**
 * The change channel of an H2 database. Only one process can open an H2 file (or in-memory)
 * database, so every repository that can hold a stale entry lives in this process: a write tells
 * the others on the same JDBC URL at once, after its statement committed. Always up.
 */
final class InProcessChanges implements ConnectionChanges {
  private static final Map<String, Set<InProcessChanges>> BY_DATABASE = new ConcurrentHashMap<>();

  /** Any non-{@link #DOWN} value: this channel is never interrupted. */
  private static final long ALWAYS = 1;

  private final String jdbcUrl;
  private volatile Consumer<String> listener = id -> {};

  private InProcessChanges(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  static InProcessChanges join(String jdbcUrl) {
    InProcessChanges member = new InProcessChanges(jdbcUrl);
    BY_DATABASE.computeIfAbsent(jdbcUrl, url -> new CopyOnWriteArraySet<>()).add(member);
    return member;
  }

  @Override
  public long epoch() {
    return ALWAYS;
  }

  @Override
  public boolean databaseUnreachable() {
    return false;
  }

  @Override
  public void written(String userId) {
    for (InProcessChanges member : BY_DATABASE.getOrDefault(jdbcUrl, Set.of())) {
      if (member != this) {
        member.listener.accept(userId);
      }
    }
  }

  @Override
  public void onChange(Consumer<String> listener) {
    this.listener = listener;
  }

  @Override
  public void close() {
    BY_DATABASE.computeIfPresent(
        jdbcUrl,
        (url, members) -> {
          members.remove(this);
          return members.isEmpty() ? null : members;
        });
  }
}
