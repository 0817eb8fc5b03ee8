package io.inscope.configs;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The values a job took from environment variables whose names look secret (containing, in any
 * case, {@code TOKEN}, {@code PASSWORD}, {@code SECRET}, {@code KEY} or {@code CREDENTIAL}): the
 * job needs them in clear, but nothing that is written or shown may contain them. {@link #redact}
 * replaces each occurrence with {@code ***} (a value that also occurs elsewhere is hidden there
 * too: too much is hidden rather than too little); {@link #redactPath} with {@code redacted}, for
 * run directory names.
 *
 * <pre>
 * data: {train: {csv: {path: "https://example.com/train.csv?token=${DATA_TOKEN}"}}}
 * </pre>
 */
public record Secrets(Set<String> values) {
  public static final Secrets NONE = new Secrets(Set.of());
  public static final String REDACTED = "***";
  public static final String REDACTED_PATH = "redacted";
  private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|PASSWORD|SECRET|KEY|CREDENTIAL).*");

  public Secrets {
    values = Set.copyOf(values.stream().filter(v -> !v.isEmpty()).toList());
  }

  /** Whether an environment variable's name says its value is secret. */
  public static boolean isSecretName(String variable) {
    return SECRET_NAME.matcher(variable.toUpperCase(Locale.ROOT)).matches();
  }

  /** {@code text} with every secret value replaced by {@code ***}. */
  public String redact(String text) {
    return replace(text, REDACTED);
  }

  /** {@code path} with every secret value replaced by {@code redacted}: a directory name without the secret. */
  public String redactPath(String path) {
    return replace(path, REDACTED_PATH);
  }

  private String replace(String text, String with) {
    if (text == null || values.isEmpty()) {
      return text;
    }
    // the longest first: a secret that contains another is hidden whole
    List<String> longestFirst = values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    String out = text;
    for (String v : longestFirst) {
      out = out.replace(v, with);
    }
    return out;
  }
}
