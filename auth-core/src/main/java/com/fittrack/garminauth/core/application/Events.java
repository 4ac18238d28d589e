package com.fittrack.garminauth.core.application;

import com.fittrack.garminauth.core.application.port.out.AuthEventListener;
import com.fittrack.garminauth.core.domain.AuthEvent;
import java.util.Objects;

/** Delivers events to the listener; a failing listener never fails the use case. */
final class Events {
  private final AuthEventListener listener;

  Events(AuthEventListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  void publish(AuthEvent event) {
    try {
      listener.on(event);
    } catch (RuntimeException ignored) {
      // Metrics and audit are secondary: the change is already stored and must be reported.
    }
  }
}
