package io.inscope.modules.layers;

/** A layer's unique name, which prefixes its variables and its ops' name scope. */
abstract class NamedLayer implements Layer {
  protected final String name;

  NamedLayer(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }
}
