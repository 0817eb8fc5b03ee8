package io.inscope.configs.layers;

/** The name by which layers refer to the model's input: {@code inputs: input}. */
public final class ModelInput {
  public static final String NAME = "input";

  private ModelInput() {}
}
