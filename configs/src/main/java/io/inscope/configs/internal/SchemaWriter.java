package io.inscope.configs.internal;

import static io.inscope.configs.internal.ScalarSchemas.map;
import static io.inscope.configs.internal.ScalarSchemas.ref;

import io.inscope.configs.CommonKeys;
import io.inscope.configs.Doc;
import io.inscope.configs.JobSpec;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Derives a JSON Schema (draft-07, which editors' YAML plugins read) of the job file from the spec
 * records: types, bounds, enums, kinds (a bare name or a one-key map), required keys, defaults and
 * descriptions, no unknown keys. A file with {@code extends} is checked against a partial variant
 * of each section (no required keys), since its base supplies the rest.
 */
public final class SchemaWriter {
  private static final String PARTIAL = ".partial";
  private static final String BLOCKS_DOC = "reusable groups of layers with parameters, used in layers like a kind: {name: {param: value, repeat: n}}";
  private final Map<String, Object> definitions = new TreeMap<>();

  private SchemaWriter() {}

  public static Map<String, Object> jobSchema() {
    SchemaWriter w = new SchemaWriter();
    String strict = w.record(JobSpec.class, false);
    String partial = w.record(JobSpec.class, true);
    w.definitions.put(ScalarSchemas.INTERPOLATED, ScalarSchemas.interpolatedDef());
    return map(
        "$schema", "http://json-schema.org/draft-07/schema#",
        "title", "Inscope job file, version 1",
        "description", "A declarative TensorFlow training job; see docs/job-file.md",
        "type", "object",
        "if", map("required", List.of("extends")),
        "then", ref(partial),
        "else", ref(strict),
        "definitions", w.definitions);
  }

  /** Adds the definition of a record (once) and returns its name. */
  private String record(Class<?> type, boolean partial) {
    return record(type, partial, null);
  }

  /**
   * @param common a {@code @CommonKeys} record whose keys the record also accepts (a layer kind's
   *     arguments take {@code name}, {@code inputs}, ...), or null
   */
  private String record(Class<?> type, boolean partial, Class<?> common) {
    String name = type.getSimpleName() + (partial ? PARTIAL : "") + (common == null ? "" : "." + common.getSimpleName());
    if (definitions.containsKey(name)) {
      return name;
    }
    definitions.put(name, Map.of());
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new ArrayList<>();
    List<Object> oneSource = new ArrayList<>();
    for (Field f : Field.of(type)) {
      if (f.inline()) {
        KindFamily family = KindFamily.of(f.raw());
        family.kinds().forEach((kind, c) -> {
          properties.put(kind, describe(arguments(c), doc(c)));
          oneSource.add(map("required", List.of(kind)));
        });
        continue;
      }
      properties.put(f.key(), field(f, partial));
      if (f.required()) {
        required.add(f.key());
      }
    }
    if (common != null) {
      for (Field f : Field.of(common)) {
        if (f != Shapes.kindField(common)) {
          properties.put(f.key(), field(f, false));
        }
      }
    }
    if (type == io.inscope.configs.ModelSpec.class) {
      properties.put("blocks", map("type", "object", "description", BLOCKS_DOC,
          "additionalProperties", map("type", "object", "properties", map(
              "params", map("type", "object", "description", "parameter names and default values; a reference {param: name} in the layers is replaced by the value"),
              "layers", map("type", "array", "description", "the block's layers; 'input' names the block's input"),
              "output", map("type", "string", "description", "the layer whose output is the block's output; default: the last")),
              "required", List.of("layers"), "additionalProperties", false)));
    }
    if (type == JobSpec.class) {
      properties.put("extends", map("type", "string", "description", "a base job file (path relative to this file) that this file is merged over"));
    }
    Map<String, Object> def = map("type", "object");
    String doc = doc(type);
    if (!doc.isEmpty()) {
      def.put("description", doc);
    }
    def.put("properties", properties);
    if (!partial && !required.isEmpty()) {
      def.put("required", required);
    }
    if (!partial && !oneSource.isEmpty()) {
      def.put("oneOf", oneSource);
    }
    def.put("additionalProperties", false);
    definitions.put(name, def);
    return name;
  }

  private Map<String, Object> field(Field f, boolean partial) {
    Map<String, Object> s = value(f.type(), f, partial);
    if (!f.required()) {
      s = map("anyOf", List.of(s, map("type", "null")));
    }
    s = describe(s, f.doc());
    if (f.defaultYaml() != null) {
      s.put("default", ScalarSchemas.json(Defaults.literal(f)));
    }
    return s;
  }

  private Map<String, Object> value(Type type, Field f, boolean partial) {
    Class<?> raw = Types.raw(type);
    if (Types.isFamily(raw)) {
      return ref(family(raw, null));
    }
    if (raw.isAnnotationPresent(CommonKeys.class)) {
      return ref(family(Shapes.kindField(raw).raw(), raw));
    }
    if (raw.isRecord() && Types.parser(raw) == null) {
      return ref(record(raw, partial));
    }
    if (Types.isList(type)) {
      Map<String, Object> items = value(Types.arg(type, 0), f, partial);
      Map<String, Object> list = map("type", "array", "items", items);
      if (f != null && f.pair()) {
        list.put("minItems", 2);
        list.put("maxItems", 2);
        return map("anyOf", List.of(items, list));
      }
      return list;
    }
    if (Types.isMap(type)) {
      return map("type", "object", "additionalProperties", value(Types.arg(type, 1), null, partial));
    }
    return ScalarSchemas.scalar(raw, f == null ? null : f.range());
  }

  /** Adds a kind family: a bare name (kinds without required arguments) or a one-key map. */
  private String family(Class<?> type, Class<?> common) {
    String name = common == null ? type.getSimpleName() : common.getSimpleName();
    if (definitions.containsKey(name)) {
      return name;
    }
    definitions.put(name, Map.of());
    KindFamily family = KindFamily.of(type);
    List<Object> forms = new ArrayList<>();
    List<String> bare = family.kinds().entrySet().stream()
        .filter(e -> KindFamily.takesNoArguments(e.getValue())).map(Map.Entry::getKey).toList();
    if (!bare.isEmpty()) {
      forms.add(map("enum", bare));
    }
    if (family.numberKind() != null) {
      Field sole = KindFamily.soleRequired(family.numberKind());
      forms.add(ScalarSchemas.scalar(sole.raw(), sole.range()));
    }
    family.kinds().forEach((kind, c) -> forms.add(describe(map(
        "type", "object",
        "properties", map(kind, arguments(c, common)),
        "required", List.of(kind),
        "additionalProperties", false), doc(c))));
    if (common != null && type == io.inscope.configs.layers.LayerSpec.class) {
      // a use of a block of model.blocks: the schema cannot know the file's block names
      forms.add(map("type", "object", "minProperties", 1, "maxProperties", 1,
          "propertyNames", map("not", map("enum", new ArrayList<>(family.kinds().keySet()))),
          "additionalProperties", map("type", List.of("object", "null")),
          "description", "a block of model.blocks: {block: {param: value, name: n, inputs: layer, repeat: n}}"));
    }
    definitions.put(name, describe(map("oneOf", forms), doc(type)));
    return name;
  }

  /** What may follow a kind's name: its argument map, nothing, or its one required argument alone. */
  private Map<String, Object> arguments(Class<?> kind) {
    return arguments(kind, null);
  }

  private Map<String, Object> arguments(Class<?> kind, Class<?> common) {
    List<Object> forms = new ArrayList<>();
    forms.add(ref(record(kind, false, common)));
    if (KindFamily.takesNoArguments(kind)) {
      forms.add(map("type", "null"));
    }
    Field sole = KindFamily.soleArgument(kind);
    if (sole != null) {
      forms.add(value(sole.type(), sole, false));
    }
    return forms.size() == 1 ? map("allOf", forms) : map("anyOf", forms);
  }

  /** Adds a description; a {@code $ref} is wrapped, since draft-07 ignores keywords next to it. */
  private static Map<String, Object> describe(Map<String, Object> schema, String doc) {
    if (doc.isEmpty()) {
      return schema;
    }
    Map<String, Object> s = schema.containsKey("$ref") ? map("allOf", List.of(schema)) : new LinkedHashMap<>(schema);
    s.put("description", doc);
    return s;
  }

  private static String doc(Class<?> type) {
    Doc doc = type.getAnnotation(Doc.class);
    return doc == null ? "" : doc.value();
  }
}
