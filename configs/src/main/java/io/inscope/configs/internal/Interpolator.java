package io.inscope.configs.internal;

import io.inscope.configs.Secrets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in scalar values with environment variables;
 * {@code $${} writes a literal {@code ${}. The result is typed after substitution, so {@code
 * steps: ${STEPS}} is an integer. Inside {@code [...]} and {@code {...}} YAML needs the
 * interpolation quoted ({@code {steps: "${STEPS}"}}), so a quoted result that reads as a number or
 * a boolean is typed too; a quoted result never becomes null. In the top-level {@code output}
 * value, {@code ${name}} is the job's name and is left for the loader. Values of variables whose
 * names look secret are collected ({@link #secrets}) so that nothing written shows them.
 */
final class Interpolator {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private final Map<String, String> env;
  private final Problems problems;
  private final Set<String> secrets = new LinkedHashSet<>();

  Interpolator(Map<String, String> env, Problems problems) {
    this.env = env;
    this.problems = problems;
  }

  /** The values substituted from variables whose names look secret, so far. */
  Secrets secrets() {
    return new Secrets(secrets);
  }

  YNode apply(YNode node, String path) {
    if (node instanceof YNode.Seq seq) {
      List<YNode> items = new ArrayList<>();
      for (YNode item : seq.items()) {
        items.add(apply(item, Paths.index(path, items.size())));
      }
      return new YNode.Seq(seq.origin(), items);
    }
    if (node instanceof YNode.Map map) {
      return new YNode.Map(map.origin(), map.entries().stream()
          .map(e -> new YNode.Entry(e.key(), apply(e.value(), Paths.key(path, e.name())))).toList());
    }
    YNode.Scalar s = (YNode.Scalar) node;
    if (s.type() != YNode.Type.STR || !s.text().contains("$")) {
      return s;
    }
    String text = substitute(s, path);
    if (text == null) {
      return new YNode.Scalar(s.origin(), s.text(), YNode.Type.INVALID, s.plain());
    }
    if (text.equals(s.text())) {
      return s;
    }
    YNode.Type type = Numbers.resolve(text);
    if (!s.plain() && (type == YNode.Type.NULL || type == YNode.Type.STR)) {
      type = YNode.Type.STR;
    }
    return new YNode.Scalar(s.origin(), text, type, s.plain());
  }

  /** The scalar's text with variables replaced, or null (reported) when one is unset or malformed. */
  String substitute(YNode.Scalar s, String path) {
    String text = s.text();
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
        continue;
      }
      if (!text.startsWith("${", i)) {
        out.append(text.charAt(i++));
        continue;
      }
      int end = text.indexOf('}', i);
      if (end < 0) {
        problems.add(s.origin(), path, "unterminated ${ in " + YNode.quote(text) + " (write $${ for a literal ${)");
        return null;
      }
      String body = text.substring(i + 2, end);
      int sep = body.indexOf(":-");
      String name = sep < 0 ? body : body.substring(0, sep);
      if (!NAME.matcher(name).matches()) {
        problems.add(s.origin(), path, "bad variable name " + YNode.quote(name) + " in ${" + body + "} (expected letters, digits and _)");
        return null;
      }
      String value = env.get(name);
      if (value != null && Secrets.isSecretName(name)) {
        secrets.add(value);
      }
      if (name.equals("name") && path.equals("output")) {
        value = "${name}";
      } else if (value == null && sep >= 0) {
        value = body.substring(sep + 2);
      } else if (value == null) {
        problems.add(s.origin(), path, "environment variable " + name + " is not set (write ${" + name
            + ":-default} to give a default" + Suggest.didYouMean(name, env.keySet()) + ")");
        return null;
      }
      out.append(value);
      i = end + 1;
    }
    return out.toString();
  }
}
