package com.fittrack.garminauth.core.application.port.out;

import com.fittrack.garminauth.core.domain.AuthEvent;

/**
 * Receives domain events (metrics, audit). Called synchronously after the change is stored; an
 * exception thrown here is logged by nobody and swallowed, so listeners must not throw.
 */
@FunctionalInterface
public interface AuthEventListener {
  AuthEventListener NONE = event -> {};

  void on(AuthEvent event);
}
