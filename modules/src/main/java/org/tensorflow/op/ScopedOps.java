package org.tensorflow.op;

/**
 * {@link Ops} over a {@link Scope} of our own: TensorFlow Java's {@code Ops(Scope)} constructor is
 * package-private, and {@code Ops.create} always makes a scope whose sub-scopes walk every
 * operation of the graph (see {@code io.inscope.modules.strategy.LinearScope}).
 */
public final class ScopedOps {
  private ScopedOps() {}

  public static Ops of(Scope scope) {
    return new Ops(scope);
  }
}
