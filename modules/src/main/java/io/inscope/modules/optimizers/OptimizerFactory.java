package io.inscope.modules.optimizers;

import io.inscope.configs.optimizers.OptimizerSpec;
import org.tensorflow.Graph;
import org.tensorflow.framework.optimizers.Optimizer;

/**
 * Builds a tensorflow-framework {@link Optimizer} from its spec. One per YAML kind, bound in a
 * {@code MapBinder<String, OptimizerFactory>}. The optimizer's slots are created when the training
 * step applies gradients, inside the strategy scope, which adopts them.
 */
@FunctionalInterface
public interface OptimizerFactory {
  Optimizer create(OptimizerSpec spec, Graph graph);
}
