package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The ring's packs and chunks, and its means against sums in double precision: values of odd sizes
 * (a scalar, 5 elements, a 7x3 matrix) over 3 replicas, with packs smaller than a value, with chunks
 * that are empty, and with one pack of everything.
 */
class RingReductionTest {
  private static final int N = 3;
  private static final List<Shape> SHAPES = List.of(Shape.scalar(), Shape.of(5), Shape.of(7, 3));

  @Test
  void segmentsCutPacksIntoChunksThatDifferByAtMostOne() {
    assertEquals(List.of(4L, 3L, 3L), RingReduction.segments(10, 3, Long.MAX_VALUE));
    assertEquals(List.of(2L, 2L, 2L, 2L, 1L, 1L), RingReduction.segments(10, 3, 6));
    assertEquals(List.of(1L, 0L, 0L), RingReduction.segments(1, 3, 8));
    assertEquals(27L, RingReduction.segments(27, 4, 5).stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void everyReplicaGetsTheSameMeanWhateverThePacking() {
    for (long bytes : new long[] {0, 4, 12, 40, 1 << 20}) {
      meansMatch(bytes);
    }
  }

  private static void meansMatch(long bytesPerPack) {
    SplittableRandom rnd = new SplittableRandom(bytesPerPack);
    float[][][] data = new float[SHAPES.size()][N][]; // [value][replica][element]
    ConfigProto config = ConfigProto.newBuilder().putDeviceCount("CPU", N).build();
    List<String> devices = new ArrayList<>();
    for (int r = 0; r < N; r++) {
      devices.add("/job:localhost/replica:0/task:0/device:CPU:" + r);
    }
    try (Graph g = new Graph(); Session s = new Session(g, config)) {
      Ops tf = Ops.create(g);
      List<List<Operand<TFloat32>>> values = new ArrayList<>();
      for (int j = 0; j < SHAPES.size(); j++) {
        List<Operand<TFloat32>> perReplica = new ArrayList<>();
        for (int r = 0; r < N; r++) {
          data[j][r] = new float[(int) SHAPES.get(j).size()];
          for (int i = 0; i < data[j][r].length; i++) {
            data[j][r][i] = (float) rnd.nextGaussian();
          }
          perReplica.add(tf.withDevice(Placement.spec(devices.get(r)))
              .constant(SHAPES.get(j), DataBuffers.of(data[j][r])));
        }
        values.add(perReplica);
      }
      List<List<Operand<TFloat32>>> means = new RingReduction(bytesPerPack).mean(tf, devices, values);
      for (int j = 0; j < SHAPES.size(); j++) {
        float[] first = null;
        for (int r = 0; r < N; r++) {
          Operand<TFloat32> m = means.get(j).get(r);
          assertEquals(SHAPES.get(j), m.shape());
          float[] got = fetch(s, m);
          if (first == null) {
            first = got;
            for (int i = 0; i < got.length; i++) {
              double expected = (data[j][0][i] + (double) data[j][1][i] + data[j][2][i]) / N;
              assertTrue(Math.abs(got[i] - expected) <= 1e-6 * Math.max(1, Math.abs(expected)),
                  "value " + j + "[" + i + "] with packs of " + bytesPerPack + ": " + got[i] + " vs " + expected);
            }
          } else {
            assertArrayEquals(first, got, 0f, "replica " + r + " of value " + j + " differs from replica 0");
          }
        }
      }
    }
  }

  private static float[] fetch(Session s, Operand<TFloat32> x) {
    try (Result r = s.runner().fetch(x).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }
}
