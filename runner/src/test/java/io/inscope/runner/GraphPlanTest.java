package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What {@code plan} says of model graphs: a shape mismatch only shapes reveal, reported like the
 * loader's errors at the layer that merges (golden file), and the ResNet-20 example's parameter
 * count, which Keras gives as 273,754.
 */
class GraphPlanTest {
  private static final Path DIR = Path.of("src/test/resources/graphs");

  @Test
  void aMergeOfMismatchedShapesIsReportedWhereItWasWritten() throws Exception {
    planFails("merge-shape-mismatch");
  }

  /** Two named inputs of other shapes (a flattened [4, 4, 1] image and a [3] vector) merged by add. */
  @Test
  void aMergeOfInputsOfOtherShapesIsReportedWhereItWasWritten() throws Exception {
    planFails("inputs-merge-mismatch");
  }

  private static void planFails(String name) throws Exception {
    Path job = DIR.resolve(name + ".yaml");
    CliHarness.Run r = CliHarness.run("plan", job.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
    Path golden = DIR.resolve(name + ".expected.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, r.err());
    }
    assertEquals(Files.readString(golden), r.err());
  }

  @Test
  void theResNetExampleHasKerasParameterCount() throws Exception {
    Path example = Path.of("../examples/fashion-mnist-resnet.yaml");
    if (!Files.exists(Path.of("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"))) {
      return; // the dataset package is not installed here: nothing to plan
    }
    CliHarness.Run r = CliHarness.run("plan", example.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("parameters: 273,754"), r.out());
    assertTrue(r.out().contains("basic_2/residual.moving_variance"), r.out());
  }
}
