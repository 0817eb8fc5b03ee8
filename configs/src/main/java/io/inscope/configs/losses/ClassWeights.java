package io.inscope.configs.losses;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keras' {@code class_weight}: each example's loss is multiplied by its class's weight (the mean
 * over the batch still divides by the number of examples). Written {@code balanced}, the weight of
 * class c is {@code n / (classes · n_c)} over the training split (scikit-learn's "balanced"), or as
 * a map from class id, or class name (string labels, as in {@code classes.txt}), to weight; classes
 * left out weigh 1.
 *
 * <pre>
 * class_weights: balanced
 * class_weights: {0: 1.0, 3: 5.0}
 * class_weights: {setosa: 1.0, virginica: 2.0}
 * </pre>
 *
 * @param byClass weight by class id or name (as written), empty when {@code balanced}
 */
public record ClassWeights(boolean balanced, Map<String, Double> byClass) {
  public static final ClassWeights BALANCED = new ClassWeights(true, Map.of());

  public ClassWeights {
    byClass = Collections.unmodifiableMap(new LinkedHashMap<>(byClass));
  }

  /** The scalar form: {@code balanced}. */
  public static ClassWeights parse(String text) {
    if (text.trim().equals("balanced")) {
      return BALANCED;
    }
    throw new IllegalArgumentException("expected balanced or a map of class id or name to weight, got '" + text.trim() + "'");
  }

  /** The map form: class ids or names to weights (>= 0). */
  public static ClassWeights fromMap(Map<String, Double> weights) {
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      if (!(e.getValue() >= 0)) {
        throw new IllegalArgumentException("class " + e.getKey() + ": the weight must be >= 0 (got " + e.getValue() + ")");
      }
    }
    return new ClassWeights(false, weights);
  }

  /** The map form, or null for {@code balanced} (which is written as the word). */
  public Map<String, Double> asMap() {
    return balanced ? null : byClass;
  }

  @Override
  public String toString() {
    return balanced ? "balanced" : byClass.toString();
  }
}
