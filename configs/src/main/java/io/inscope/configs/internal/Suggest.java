package io.inscope.configs.internal;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean" by edit distance (optimal string alignment: a swap of two letters counts 1). */
public final class Suggest {
  private Suggest() {}

  /** The closest candidate within a small distance (1 for short words, 2 for longer), or null. */
  public static String nearest(String input, Collection<String> candidates) {
    String in = input.toLowerCase(Locale.ROOT);
    int limit = in.length() <= 4 ? 1 : 2;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(in, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance && d <= limit && d < candidate.length()) {
        best = candidate;
        bestDistance = d;
      }
    }
    return best;
  }

  /** {@code "; did you mean 'x'?"} or empty, to append inside a parenthesis. */
  public static String didYouMean(String input, Collection<String> candidates) {
    String best = nearest(input, candidates);
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  static int distance(String a, String b) {
    if (Math.abs(a.length() - b.length()) > 2) {
      return Integer.MAX_VALUE;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
