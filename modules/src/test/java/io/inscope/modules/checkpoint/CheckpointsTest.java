package io.inscope.modules.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Saving keeps the {@code checkpoint} state file current: it names the kept checkpoints once each
 * is complete, and old checkpoints are deleted only after the file stops naming them.
 */
class CheckpointsTest {
  @TempDir Path dir;

  @Test
  void theStateFileNamesTheKeptCompleteCheckpointsAfterEverySave() throws Exception {
    try (Graph g = new Graph()) {
      CheckpointOps ops = ops(g);
      try (Session s = new Session(g)) {
        s.initialize();
        Checkpoints checkpoints = new Checkpoints(dir, 2, w -> {});
        for (long step : new long[] {10, 20, 30}) {
          checkpoints.save(s, ops, new TrainingState(step, 0, 1, "h"));
          CheckpointState state = CheckpointState.read(dir).orElseThrow();
          String newest = String.format("ckpt-%010d/variables", step);
          assertEquals(newest, state.latest());
          assertEquals(checkpoints.list().stream().map(c -> c.getFileName() + "/variables").toList(), state.all());
          assertEquals(checkpoints.latest().orElseThrow().getFileName() + "/variables", state.latest());
          for (String p : state.all()) {
            assertTrue(Files.exists(dir.resolve(p + ".index")), p);
            assertTrue(Files.exists(dir.resolve(p).resolveSibling("MANIFEST.json")), p);
          }
        }
        assertEquals(List.of("ckpt-0000000020/variables", "ckpt-0000000030/variables"),
            CheckpointState.read(dir).orElseThrow().all());

        // a save that fails after its checkpoint is in place but before the state file is
        // written: the file still names the previous checkpoints, and none of them was pruned
        Files.createDirectories(dir.resolve(".checkpoint.tmp").resolve("blocker"));
        assertThrows(IOException.class, () -> checkpoints.save(s, ops, new TrainingState(40, 0, 1, "h")));
        CheckpointState state = CheckpointState.read(dir).orElseThrow();
        assertEquals("ckpt-0000000030/variables", state.latest());
        for (String p : state.all()) {
          assertTrue(Files.exists(dir.resolve(p + ".index")), p);
        }
        Files.delete(dir.resolve(".checkpoint.tmp").resolve("blocker"));
        Files.delete(dir.resolve(".checkpoint.tmp"));

        assertEquals(3, checkpoints.removeAll());
        assertTrue(CheckpointState.read(dir).isEmpty(), "--fresh removes the state file with the checkpoints");
      }
    }
  }

  private static CheckpointOps ops(Graph g) {
    try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 1)) {
      MirroredVariable<TFloat32> w = scope.createVariable("w", Shape.of(3), TFloat32.class,
          MirroredVariable.Kind.WEIGHT, true, (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(2f)));
      return CheckpointOps.build(scope.tf(), List.of(w));
    }
  }
}
