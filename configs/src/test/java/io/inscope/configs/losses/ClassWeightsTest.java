package io.inscope.configs.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** class_weights binds from balanced or a map, and renders back to what loads equal. */
class ClassWeightsTest {

  private static JobSpec load(String loss) throws Exception {
    return Jobs.load(Map.of(), Jobs.TINY.replace("loss: sparse_categorical_crossentropy", "loss: " + loss));
  }

  @Test
  void balancedOrAMapOfClassesToWeights() throws Exception {
    JobSpec balanced = load("{sparse_categorical_crossentropy: {class_weights: balanced, label_smoothing: 0.1}}");
    SparseCategoricalCrossentropySpec s = (SparseCategoricalCrossentropySpec) balanced.loss();
    assertEquals(ClassWeights.BALANCED, s.classWeights());
    assertEquals(0.1, s.labelSmoothing());
    JobSpec map = load("{categorical_crossentropy: {class_weights: {0: 2, cat: 0.5}}}");
    assertEquals(Map.of("0", 2.0, "cat", 0.5), ((CategoricalCrossentropySpec) map.loss()).classWeights().byClass());
    for (JobSpec spec : new JobSpec[] {balanced, map}) {
      String rendered = JobRenderer.render(spec);
      assertTrue(rendered.contains("class_weights:"), rendered);
      assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, Path.of("r.yaml")).spec(), rendered);
    }
  }
}
