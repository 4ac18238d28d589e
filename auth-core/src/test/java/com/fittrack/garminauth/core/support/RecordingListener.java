package com.fittrack.garminauth.core.support;

import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.domain.AuthEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every event it is given, in order, from any thread. */
public final class RecordingListener implements AuthEventListener {
  private final List<AuthEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void on(AuthEvent event) {
    events.add(event);
  }

  public List<AuthEvent> all() {
    return List.copyOf(events);
  }

  public <T extends AuthEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
