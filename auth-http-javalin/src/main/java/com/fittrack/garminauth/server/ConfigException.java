package com.fittrack.garminauth.server;

/**
 * A configuration value that cannot be used. Its message is one line that names the variable and
 * says what is expected; it never repeats a secret's value.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String variable;

  public ConfigException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }
}
