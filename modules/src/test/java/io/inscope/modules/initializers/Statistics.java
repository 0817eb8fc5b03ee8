package io.inscope.modules.initializers;

/** The range, mean and (population) standard deviation of a sample. */
record Statistics(double min, double max, double mean, double stddev) {
  static Statistics of(float[] a) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (float v : a) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    double mean = sum / a.length;
    double squares = 0;
    for (float v : a) {
      squares += (v - mean) * (v - mean);
    }
    return new Statistics(min, max, mean, Math.sqrt(squares / a.length));
  }
}
