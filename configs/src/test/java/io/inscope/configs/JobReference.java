package io.inscope.configs;

import io.inscope.configs.internal.Field;
import io.inscope.configs.internal.KindFamily;
import io.inscope.configs.internal.Ranges;
import io.inscope.configs.internal.TypeNames;
import io.inscope.configs.internal.Types;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Generates the Markdown reference of the job file from the spec records: one table per section
 * (key, type, default, meaning) and a catalog of every kind family with its arguments.
 */
final class JobReference {
  private final StringBuilder out = new StringBuilder();
  private final Map<Class<?>, String> sections = new LinkedHashMap<>();
  private final Set<Class<?>> families = new LinkedHashSet<>();

  static String markdown(String intro) {
    JobReference r = new JobReference();
    r.collect();
    r.out.append(intro.stripTrailing()).append("\n\n## Sections\n");
    r.sections.forEach(r::section);
    r.out.append("\n## Kinds\n");
    r.families.forEach(r::family);
    return r.out.toString();
  }

  /** Finds every record and kind family reachable from JobSpec, depth first, with the paths where each appears. */
  private void collect() {
    visit(JobSpec.class, "(top level)");
  }

  private void visit(Class<?> record, String path) {
    boolean seen = sections.containsKey(record);
    sections.merge(record, path, (a, b) -> a + " and " + b);
    if (seen) {
      return;
    }
    for (Field f : Field.of(record)) {
      reach(f.type(), record == JobSpec.class ? f.key() : path + "." + f.key());
    }
  }

  private void reach(Type type, String path) {
    Class<?> raw = Types.raw(type);
    if (Types.isList(type)) {
      reach(Types.arg(type, 0), path + "[]");
    } else if (Types.isMap(type)) {
      reach(Types.arg(type, 1), path + ".<name>");
    } else if (Types.isFamily(raw)) {
      if (families.add(raw)) {
        for (Class<?> kind : KindFamily.of(raw).kinds().values()) {
          for (Field f : Field.of(kind)) {
            reach(f.type(), KindFamily.nameOf(kind) + "." + f.key());
          }
        }
      }
    } else if (raw.isRecord() && Types.parser(raw) == null) {
      visit(raw, path);
    }
  }

  private void section(Class<?> type, String path) {
    out.append("\n### ").append(path).append("\n\n");
    table(type, "key");
  }

  private void family(Class<?> type) {
    KindFamily family = KindFamily.of(type);
    out.append("\n### ").append(family.noun()).append(" kinds\n\n");
    Doc doc = type.getAnnotation(Doc.class);
    if (doc != null) {
      out.append(doc.value()).append(".\n");
    }
    family.kinds().forEach((name, kind) -> {
      out.append("\n#### ").append(name).append("\n\n");
      Doc kindDoc = kind.getAnnotation(Doc.class);
      out.append(((kindDoc == null ? "" : kindDoc.value() + ". ") + forms(name, kind)).strip()).append("\n");
      if (!Field.of(kind).isEmpty()) {
        out.append('\n');
        table(kind, "argument");
      }
    });
  }

  private static String forms(String name, Class<?> kind) {
    if (Field.of(kind).isEmpty()) {
      return "No arguments: `" + name + "`.";
    }
    Field sole = KindFamily.soleRequired(kind);
    if (sole != null) {
      return "Also written `" + name + ": <" + sole.key() + ">`.";
    }
    return KindFamily.takesNoArguments(kind) ? "With every default: `" + name + "`." : "";
  }

  private void table(Class<?> type, String header) {
    out.append("| ").append(header).append(" | type | default | meaning |\n| --- | --- | --- | --- |\n");
    boolean common = type.isAnnotationPresent(CommonKeys.class);
    for (Field f : Field.of(type)) {
      if (common && Types.isFamily(f.raw())) {
        common = false;
        String noun = KindFamily.of(f.raw()).noun();
        row("`<" + noun + " kind>`", noun + " kind; the keys below are written among its arguments: `{dense: {units: 8, name: fc}}`", "required", "");
        continue;
      }
      if (f.inline()) {
        String kinds = String.join(", ", KindFamily.of(f.raw()).kinds().keySet());
        row("one of " + kinds, KindFamily.of(f.raw()).noun() + " kind, among these keys", "required", f.doc());
        continue;
      }
      row("`" + f.key() + "`", type(f), f.defaultYaml() != null ? "`" + f.defaultYaml() + "`" : f.optional() ? "unset" : "required", f.doc());
    }
  }

  private void row(String key, String type, String def, String doc) {
    out.append("| ").append(String.join(" | ", List.of(key, type, def, doc).stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
  }

  private static String type(Field f) {
    String type = f.pair() ? "integer or [h, w]" : TypeNames.shortName(f.type());
    if (f.oneOrList()) {
      type = TypeNames.shortName(Types.arg(f.type(), 0)) + " or " + type;
    }
    if (f.filePath()) {
      type = Types.isList(f.type()) ? "list of file paths (globs in the file name)"
          : f.component().getAnnotation(io.inscope.configs.FilePath.class).directory() ? "directory path" : "file path";
    }
    if (f.range() != null) {
      String bound = Ranges.describe(f.range()).replace("must be ", "");
      bound = Character.isDigit(bound.charAt(0)) ? "only " + bound : bound;
      type += (Types.isList(f.type()) ? ", each " : ", ") + bound;
    }
    return type;
  }
}
