package com.fittrack.garminauth.core.application.port.in;

import com.fittrack.garminauth.core.domain.Secret;
import com.fittrack.garminauth.core.domain.UserId;
import com.fittrack.garminauth.core.domain.ValidationException;
import java.util.Objects;

/**
 * Sign a FitTrack user in to Garmin with their Garmin email and password. Validates itself: an
 * instance that exists is safe to send to Garmin. The password is never stored.
 *
 * <pre>{@code
 * LoginResult result = auth.login(LoginCommand.of("user-42", "runner@example.com", password));
 * }</pre>
 */
public record LoginCommand(UserId userId, String email, Secret password) {
  public static final int MAX_EMAIL_LENGTH = 254;
  public static final int MAX_PASSWORD_LENGTH = 256;

  public LoginCommand {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(password, "password");
    email = Inputs.requireText("email", email, 3, MAX_EMAIL_LENGTH).strip();
    if (email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1) {
      throw new ValidationException("email", "must be an email address");
    }
    if (password.length() > MAX_PASSWORD_LENGTH) {
      throw new ValidationException(
          "password", "must be at most " + MAX_PASSWORD_LENGTH + " characters");
    }
  }

  /** Validates raw input (from HTTP, a CLI) and builds the command. */
  public static LoginCommand of(String userId, String email, String password) {
    Inputs.requireText("password", password, 1, MAX_PASSWORD_LENGTH);
    return new LoginCommand(UserId.of(userId), email, Secret.of(password));
  }
}
