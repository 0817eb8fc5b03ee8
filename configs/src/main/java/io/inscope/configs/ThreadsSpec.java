package io.inscope.configs;

/**
 * The TensorFlow session's thread pools (ConfigProto {@code intra_op_parallelism_threads} and
 * {@code inter_op_parallelism_threads}). 0 lets TensorFlow choose (one thread per core for each
 * pool), which measured fastest for MLP-A and MLP-B on a 2-core machine; one thread per pool
 * trained the batch-32 Fashion-MNIST MLP faster (docs/benchmarks.md).
 *
 * <pre>
 * train:
 *   threads: {intra_op: 2, inter_op: 1}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>intra_op</td><td>0</td><td>threads one op (a MatMul) may split its work over</td></tr>
 *   <tr><td>inter_op</td><td>0</td><td>ops of the graph run at the same time</td></tr>
 * </table>
 */
public record ThreadsSpec(
    @Doc("threads one op may use (ConfigProto intra_op_parallelism_threads); 0 = TensorFlow's choice, one per core")
        @Default("0")
        @Range(min = 0, max = 1024)
        int intraOp,
    @Doc("ops run concurrently (ConfigProto inter_op_parallelism_threads); 0 = TensorFlow's choice, one per core")
        @Default("0")
        @Range(min = 0, max = 1024)
        int interOp) {

  /** TensorFlow's own choice for both pools. */
  public static final ThreadsSpec DEFAULT = new ThreadsSpec(0, 0);
}
