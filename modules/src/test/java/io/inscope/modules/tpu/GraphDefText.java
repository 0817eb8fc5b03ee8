package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * A GraphDef as stable text for golden files: one block per node, sorted by name, with its op,
 * device, attributes (sorted) and inputs. Goldens live in {@code src/test/resources/tpu}; {@code
 * -Dgolden.update=true} rewrites them (then read the diff), they are never edited by hand.
 */
final class GraphDefText {
  private GraphDefText() {}

  static String render(GraphDef def) {
    StringBuilder s = new StringBuilder();
    def.getNodeList().stream().sorted(Comparator.comparing(NodeDef::getName)).forEach(n -> {
      s.append(n.getName()).append(" = ").append(n.getOp());
      if (!n.getDevice().isEmpty()) {
        s.append(" @ ").append(n.getDevice());
      }
      s.append('\n');
      for (Map.Entry<String, AttrValue> a : new TreeMap<>(n.getAttrMap()).entrySet()) {
        s.append("  ").append(a.getKey()).append(": ")
            .append(TextFormat.shortDebugString(a.getValue())).append('\n');
      }
      for (String in : n.getInputList()) {
        s.append("  <- ").append(in).append('\n');
      }
    });
    return s.toString();
  }

  static void check(String file, GraphDef def) throws IOException {
    Path golden = Path.of("src/test/resources/tpu", file);
    String actual = render(def);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual);
      return;
    }
    assertTrue(Files.exists(golden), golden + " is missing; run the tests with -Dgolden.update=true to create it");
    assertEquals(Files.readString(golden), actual,
        golden + " differs; if the new text is right, run the tests with -Dgolden.update=true");
  }
}
