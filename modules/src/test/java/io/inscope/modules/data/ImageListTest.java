package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.input;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.data.ColorMode;
import io.inscope.configs.data.ImageFolderSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Image splits listed, not decoded ({@code cache: false}): the batches of the split held in memory. */
class ImageListTest {
  private static final ImageFolderSpec FOLDER = new ImageFolderSpec(ImageFolderSourceTest.REFERENCE.resolve("folder").toString(),
      ColorMode.RGB, List.of(5, 7));

  @TempDir Path dir;

  /**
   * The reference folder (PNG, JPEG, GIF, BMP of three classes), scaled: for one task and for each
   * of two tasks (sharded by example), two epochs of shuffled batches from step 0 and from step 3
   * are those of {@link TrainingData#inMemory} over the decoded split, bit for bit.
   */
  @Test
  void trainingBatchesAreThoseOfTheSplitInMemoryForEveryTask() throws Exception {
    ImageFolderSource source = new ImageFolderSource();
    Examples cached = source.load(FOLDER, input(5, 7, 3), 0).scaled(0.25);
    ImageList listed = source.list(FOLDER, input(5, 7, 3)).scaled(0.25);
    assertEquals(cached.classNames(), listed.index().classNames());
    for (Shards shards : List.of(Shards.ALL, new Shards(0, 2), new Shards(1, 2))) {
      Examples mine = shards.examples(cached);
      ImageList mineListed = listed.withIndex(shards.examples(listed.index()));
      BatchPlan plan = BatchPlan.of(mine.size(), 2, 8, 11);
      TrainingData expected = TrainingData.inMemory(mine, plan);
      TrainingData streamed = mineListed.training(plan);
      assertEquals(expected.size(), streamed.size());
      assertArrayEquals(expected.featureShape(), streamed.featureShape());
      for (long from : new long[] {0, 3}) {
        try (BatchCursor e = expected.cursorAt(from); BatchCursor s = streamed.cursorAt(from)) {
          for (long step = from; step < 2 * plan.stepsPerEpoch(); step++) {
            float[] ef = new float[3 * 105];
            float[] el = new float[3];
            float[] sf = new float[3 * 105];
            float[] sl = new float[3];
            e.next(ef, el, 1);
            s.next(sf, sl, 1);
            assertArrayEquals(ef, sf, shards + " step " + step);
            assertArrayEquals(el, sl, shards + " step " + step);
          }
        }
      }
    }
  }

  /** An eval pass reads the split in order, a batch at a time, as the split held in memory, with the preprocessing applied. */
  @Test
  void anEvalPassReadsTheSplitInOrder() throws Exception {
    ImageFolderSource source = new ImageFolderSource();
    Examples cached = source.load(FOLDER, input(5, 7, 3), 0);
    Preprocessing steps = PreprocessingCompiler.builtIn().inference(List.of(new io.inscope.configs.data.RescaleSpec(io.inscope.configs.Fraction.of(1.0 / 255), 0)), input(5, 7, 3));
    EvalData expected = EvalData.inMemory(steps.applyTo(cached));
    EvalData streamed = source.list(FOLDER, input(5, 7, 3)).evaluation(() -> steps);
    assertEquals(7, streamed.size());
    try (EvalData.Reader e = expected.open(); EvalData.Reader s = streamed.open()) {
      for (int rows : new int[] {3, 3, 1}) {
        float[] ef = new float[rows * 105];
        float[] el = new float[rows];
        float[] sf = new float[rows * 105];
        float[] sl = new float[rows];
        e.read(ef, el, rows);
        s.read(sf, sl, rows);
        assertArrayEquals(ef, sf);
        assertArrayEquals(el, sl);
      }
    }
  }

  /** Listing decodes nothing: an undecodable image fails the batch that reads it, with cache: true's message. */
  @Test
  void anUndecodableImageFailsWhenItsBatchIsRead() throws Exception {
    Files.createDirectories(dir.resolve("a"));
    Files.copy(ImageFolderSourceTest.REFERENCE.resolve("folder/cat/b-rgb.png"), dir.resolve("a/1.png"));
    Files.writeString(dir.resolve("a/2.png"), "not an image");
    ImageFolderSpec spec = new ImageFolderSpec(dir.toString(), ColorMode.RGB, List.of(5, 7));
    ImageFolderSource source = new ImageFolderSource();
    DataException cached = assertThrows(DataException.class, () -> source.load(spec, input(5, 7, 3), 0));
    ImageList listed = source.list(spec, input(5, 7, 3));
    try (BatchCursor cursor = listed.training(BatchPlan.of(2, 1, 0, 0)).cursorAt(0)) {
      cursor.next(new float[105], new float[1], 0);
      DataException streamed = assertThrows(DataException.class, () -> cursor.next(new float[105], new float[1], 0));
      assertEquals(cached.getMessage(), streamed.getMessage());
      assertTrue(streamed.getMessage().contains(dir.resolve("a/2.png") + ": "), streamed.getMessage());
    }
  }
}
