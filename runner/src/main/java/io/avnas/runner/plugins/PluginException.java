package io.avnas.runner.plugins;

/**
 * The installed plugins contradict each other, e.g. two providers of one id. Printed as one line
 * (exit 2): the fix is to remove or rename a jar, not to change the config.
 */
public class PluginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PluginException(String message) {
    super(message);
  }
}
