package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.modules.data.internal.SplitMix64;
import java.util.List;
import java.util.Map;

/**
 * The {@code synthetic} source: seeded random examples of {@code model.input}'s shape that a small
 * model can learn, for smoke tests and benchmarks.
 *
 * <pre>
 * synthetic: {examples: 4096, classes: 10}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>examples</td><td>required</td><td>number of examples</td></tr>
 *   <tr><td>classes</td><td>10</td><td>labels are class ids in [0, classes)</td></tr>
 * </table>
 *
 * <p>A model with several inputs gets one row of all their values per example, split into the
 * inputs by the model. Each class has a centroid with standard-normal coordinates drawn from the job seed alone;
 * an example is a uniformly drawn class id and its centroid plus gaussian noise of standard
 * deviation {@value #NOISE}. The centroids depend on (seed, classes, shape), so a train and an eval
 * split of one job share them; the examples also depend on {@code examples}, so splits of different
 * sizes hold different examples (two splits of the same size and seed hold the same ones). Random
 * numbers come from {@link SplitMix64}: the data is the same on every JVM.
 */
public final class SyntheticSource implements SourceFactory {
  /** Standard deviation of the noise around a class centroid. */
  public static final double NOISE = 0.5;

  private static final String KIND = "synthetic";
  private static final long CENTROIDS = 0x53594e43L;
  private static final long SAMPLES = 0x53594e53L;

  /** Several inputs are drawn as one feature row of all their values ({@link ModelSpec#featureRow()}). */
  @Override
  public Examples load(SourceSpec spec, Map<String, InputSpec> inputs, long seed) throws DataException {
    return load(spec, ModelSpec.featureRow(inputs), seed);
  }

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    SyntheticSpec synthetic = (SyntheticSpec) spec;
    int classes = synthetic.classes();
    long total = synthetic.examples() * input.elements();
    if (total > Integer.MAX_VALUE - 8) {
      throw new DataException(KIND, synthetic.examples() + " examples of shape " + input.shape() + " are " + total
          + " values, more than one array holds (2^31); lower 'examples'");
    }
    int elements = (int) input.elements();
    float[] centroids = new float[classes * elements];
    SplitMix64 centroidRandom = SplitMix64.forKeys(seed, CENTROIDS, classes, elements);
    for (int i = 0; i < centroids.length; i++) {
      centroids[i] = (float) centroidRandom.nextGaussian();
    }
    float[] features = new float[(int) total];
    float[] labels = new float[synthetic.examples()];
    SplitMix64 random = SplitMix64.forKeys(seed, SAMPLES, classes, elements, synthetic.examples());
    for (int e = 0; e < labels.length; e++) {
      int label = random.nextInt(classes);
      labels[e] = label;
      for (int i = 0; i < elements; i++) {
        features[e * elements + i] = (float) (centroids[label * elements + i] + NOISE * random.nextGaussian());
      }
    }
    long[] shape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    return new Examples(features, shape, labels, new long[0], List.of(), classes);
  }
}
