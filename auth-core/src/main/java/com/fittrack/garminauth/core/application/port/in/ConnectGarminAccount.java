package com.fittrack.garminauth.core.application.port.in;

/** Connect a user's Garmin account: password first, then MFA if Garmin asks. */
public interface ConnectGarminAccount {

  /** Signs in and stores the session, or opens an MFA challenge. */
  LoginResult login(LoginCommand command);

  /** Completes an MFA challenge (on any instance) and stores the session. */
  ConnectionSummary completeMfa(CompleteMfaCommand command);
}
