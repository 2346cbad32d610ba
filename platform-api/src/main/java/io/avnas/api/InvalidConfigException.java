package io.avnas.api;

/**
 * A configuration value is missing, of the wrong type or out of range. The message always names the
 * full key, the value that was given and what is allowed, so a user can fix it without reading code.
 */
public class InvalidConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public InvalidConfigException(String key, String message) {
    super(key + ": " + message);
    this.key = key;
  }

  /** Creates the standard "key = value is not allowed: allowed ..." message. */
  public static InvalidConfigException of(String key, Object value, String allowed) {
    return new InvalidConfigException(key, "value " + render(value) + " is not allowed; allowed: " + allowed);
  }

  private static String render(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }

  /** The full key, e.g. {@code avnas.estimator.tau}. */
  public String key() {
    return key;
  }
}
