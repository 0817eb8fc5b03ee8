/*
 * The alternative to the runner's image decoding that docs/benchmarks.md compares against:
 * TensorFlow's own DecodePng + ResizeBilinear(half_pixel_centers) ops from Java, one Session.run
 * per image (as a Java input pipeline would call them), on the first N PNG files under DIR.
 *
 *   TF_CPP_MIN_LOG_LEVEL=2 java -cp runner/target/runner.jar tools/TfDecodeBench.java DIR N
 */
import java.nio.file.*; import java.util.*;
import org.tensorflow.*; import org.tensorflow.op.*; import org.tensorflow.op.core.*; import org.tensorflow.types.*; import org.tensorflow.ndarray.*;
public class TfDecodeBench { public static void main(String[] a) throws Exception {
  List<Path> files = new ArrayList<>();
  try (var w = Files.walk(Path.of(a[0]))) { w.filter(p -> p.toString().endsWith(".png")).sorted().limit(Integer.parseInt(a[1])).forEach(files::add); }
  var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
  try (Graph g = new Graph(); Session s = new Session(g)) {
    Ops tf = Ops.create(g);
    Placeholder<TString> in = tf.placeholder(TString.class);
    var img = tf.image.decodePng(in, TUint8.class, org.tensorflow.op.image.DecodePng.channels(1L));
    var f = tf.dtypes.cast(img, TFloat32.class);
    var r = tf.image.resizeBilinear(tf.expandDims(f, tf.constant(0)), tf.constant(new int[]{28,28}), org.tensorflow.op.image.ResizeBilinear.halfPixelCenters(true));
    for (int pass = 0; pass < 2; pass++) {
      long t0 = System.nanoTime(), c0 = os.getProcessCpuTime(); double sum = 0;
      for (Path p : files) {
        byte[] bytes = Files.readAllBytes(p);
        try (TString t = TString.tensorOfBytes(NdArrays.scalarOfObject(bytes)); var res = s.runner().feed(in, t).fetch(r).run()) {
          sum += ((TFloat32) res.get(0)).getFloat(0, 0, 0, 0);
        }
      }
      double wall = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
      System.out.printf("TF DecodePng+ResizeBilinear, one Session.run per image: %d images, %.0f images/s wall, %.0f per CPU-second (checksum %.0f)%n", files.size(), files.size()/wall, files.size()/cpu, sum);
    }
  }
}}
