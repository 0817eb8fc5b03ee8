package io.inscope.modules.strategy;

/**
 * A variable was created, or used, outside the strategy scope that owns it. Always a bug in the
 * code that builds the model (a layer, an optimizer, a plugin), never a user error.
 */
public final class ScopeException extends IllegalStateException {
  public ScopeException(String message) {
    super(message);
  }
}
