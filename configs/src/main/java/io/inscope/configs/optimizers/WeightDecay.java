package io.inscope.configs.optimizers;

import io.inscope.configs.SpecException;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks the patterns of {@code exclude_from_weight_decay}. */
final class WeightDecay {
  private WeightDecay() {}

  static List<String> check(List<String> patterns) {
    for (String p : patterns) {
      try {
        Pattern.compile(p);
      } catch (PatternSyntaxException e) {
        throw new SpecException("exclude_from_weight_decay", "not a regular expression: '" + p + "' ("
            + e.getDescription().toLowerCase(java.util.Locale.ROOT) + ")");
      }
    }
    return List.copyOf(patterns);
  }
}
