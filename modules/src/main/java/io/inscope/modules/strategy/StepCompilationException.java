package io.inscope.modules.strategy;

/**
 * The device refused to compile the training step (a TPU host whose XLA compiler rejects an op);
 * the message is the compiler's reason, fit to show the user.
 */
public class StepCompilationException extends Exception {
  public StepCompilationException(String message) {
    super(message);
  }
}
