/*
 * One convolution layer's training kernels from TensorFlow Java (issue 19): the CNN's second
 * convolution ([100,14,14,32] * [5,5,32,64], stride 1) forward, its input gradient and its filter
 * gradient, fed from placeholders (nothing constant-folds), N Session.runs; prints ms and CPU ms
 * (process, all threads) per run over the second half. tools/conv_kernels.py is the TensorFlow
 * Python twin. With ONEDNN_VERBOSE=1, tools/onednn_verbose_summary.py tables which oneDNN
 * implementation ran each primitive and its time.
 *
 *   TF_CPP_MIN_LOG_LEVEL=2 java -cp runner/target/runner.jar tools/ConvKernels.java MODE N [THREADS]
 *
 * MODE: same (Conv2D SAME, as the runner builds it), pad (explicit Pad + VALID), nchw (transposed
 * to NCHW and back), fwdgrad (SAME, the input gradient computed as a forward Conv2D of the output
 * gradient with the kernel reversed in space and its channels swapped; also prints its largest
 * difference to Conv2DBackpropInput's). THREADS: intra_op = inter_op threads (default 0: TF's).
 */
import java.util.*;
import org.tensorflow.*; import org.tensorflow.op.*; import org.tensorflow.op.core.*; import org.tensorflow.ndarray.Shape; import org.tensorflow.types.TFloat32;
public class ConvKernels { public static void main(String[] a) throws Exception {
  String mode = a[0]; int n = Integer.parseInt(a[1]); int threads = a.length > 2 ? Integer.parseInt(a[2]) : 0;
  int B = 100, H = 14, C = 32, O = 64, K = 5;
  List<Long> ones = List.of(1L, 1L, 1L, 1L);
  try (Graph g = new Graph()) {
    Ops tf = Ops.create(g);
    Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, H, H, C)));
    Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(K, K, C, O)));
    Placeholder<TFloat32> dy = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, H, H, O)));
    Operand<TFloat32> y = switch (mode) {
      case "pad" -> tf.nn.conv2d(tf.pad(x, tf.constant(new int[][] {{0, 0}, {2, 2}, {2, 2}, {0, 0}}), tf.constant(0f)), w, ones, "VALID");
      case "nchw" -> tf.linalg.transpose(tf.nn.conv2d(tf.linalg.transpose(x, tf.constant(new int[] {0, 3, 1, 2})), w, ones, "SAME",
          org.tensorflow.op.nn.Conv2d.dataFormat("NCHW")), tf.constant(new int[] {0, 2, 3, 1}));
      default -> tf.nn.conv2d(x, w, ones, "SAME");
    };
    Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, dy), tf.constant(new int[] {0, 1, 2, 3}));
    Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {x.asOutput(), w.asOutput()});
    Operand<TFloat32> dxForward = tf.nn.conv2d(dy,
        tf.linalg.transpose(tf.reverse(w, tf.constant(new int[] {0, 1})), tf.constant(new int[] {0, 1, 3, 2})), ones, "SAME");
    @SuppressWarnings("unchecked") Operand<TFloat32> dx = (Operand<TFloat32>) grads[0];
    Operand<TFloat32> diff = tf.max(tf.math.abs(tf.math.sub(dxForward, dx)), tf.constant(new int[] {0, 1, 2, 3}));
    if (mode.equals("fwdgrad")) {
      grads[0] = dxForward.asOutput();
    }
    Random r = new Random(1);
    try (TFloat32 xt = TFloat32.tensorOf(x.shape()); TFloat32 wt = TFloat32.tensorOf(w.shape()); TFloat32 dyt = TFloat32.tensorOf(dy.shape());
        Session s = new Session(g, org.tensorflow.proto.ConfigProto.newBuilder().setIntraOpParallelismThreads(threads).setInterOpParallelismThreads(threads).build())) {
      xt.scalars().forEach(v -> v.setFloat(r.nextFloat()));
      wt.scalars().forEach(v -> v.setFloat(r.nextFloat() - 0.5f));
      dyt.scalars().forEach(v -> v.setFloat(r.nextFloat()));
      var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      long c0 = 0, w0 = 0;
      for (int i = 0; i < n; i++) {
        if (i == n / 2) { c0 = os.getProcessCpuTime(); w0 = System.nanoTime(); }
        try (Result res = s.runner().feed(x, xt).feed(w, wt).feed(dy, dyt).fetch(grads[0]).fetch(grads[1]).fetch(loss).run()) { }
      }
      int m = n - n / 2;
      System.out.printf(Locale.ROOT, "TensorFlow Java, conv [100,14,14,32]*[5,5,32,64] forward + both gradients, %s: %.2f ms/run, %.2f CPU ms/run%n",
          mode, (System.nanoTime() - w0) / 1e6 / m, (os.getProcessCpuTime() - c0) / 1e6 / m);
      if (mode.equals("fwdgrad")) {
        try (Result res = s.runner().feed(x, xt).feed(w, wt).feed(dy, dyt).fetch(diff).run()) {
          System.out.printf(Locale.ROOT, "largest |input gradient as forward conv - Conv2DBackpropInput| = %g%n", ((TFloat32) res.get(0)).getFloat());
        }
      }
    }
  }
}}
