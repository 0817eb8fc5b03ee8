package io.inscope.modules.data.internal;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014): the generator behind every shuffle and every synthetic
 * example. It is written out here, rather than taken from {@code java.util}, so that the sequence
 * is fixed by this file alone and a run resumed on another JDK sees the same data order.
 *
 * <ul>
 *   <li>{@link #nextLong()}: {@code state += 0x9e3779b97f4a7c15; return mix64(state)}, the same
 *       sequence as {@code new java.util.SplittableRandom(seed).nextLong()}.
 *   <li>{@link #nextInt(int)}: {@code java.util.Random}'s rejection method over the top 31 bits.
 *   <li>{@link #nextGaussian()}: Box-Muller with {@link StrictMath}, one value per two draws.
 *   <li>{@link #forKeys(long, long...)}: a generator for a (seed, stream, index...) tuple; distinct
 *       tuples give unrelated sequences.
 * </ul>
 *
 * <p>As a {@link java.util.random.RandomGenerator} (what preprocessing steps draw from), the other
 * methods are the interface's defaults over {@link #nextLong()}, so they too are fixed by this file
 * and the JDK's documented algorithms.
 */
public final class SplitMix64 implements java.util.random.RandomGenerator {
  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private long state;

  public SplitMix64(long seed) {
    this.state = seed;
  }

  /** A generator seeded from {@code seed} and then each key in turn. */
  public static SplitMix64 forKeys(long seed, long... keys) {
    long s = mix64(seed);
    for (long key : keys) {
      s = mix64(s ^ mix64(key + GOLDEN_GAMMA));
    }
    return new SplitMix64(s);
  }

  @Override
  public long nextLong() {
    state += GOLDEN_GAMMA;
    return mix64(state);
  }

  /** Uniform in [0, bound); {@code bound} must be positive. */
  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive (got " + bound + ")");
    }
    int r = next31();
    int m = bound - 1;
    if ((bound & m) == 0) {
      return (int) ((bound * (long) r) >> 31);
    }
    // Reject the top partial range so that every value is equally likely.
    for (int u = r; u - (r = u % bound) + m < 0; u = next31()) {}
    return r;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Standard normal. */
  @Override
  public double nextGaussian() {
    double u1 = 1.0 - nextDouble(); // (0, 1]: keeps log finite
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  private int next31() {
    return (int) (nextLong() >>> 33);
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
