package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;
import org.tensorflow.op.ScopedOps;

/**
 * A graph {@link Scope} whose sub-scopes cost nothing. TensorFlow Java's own scope, on each {@code
 * withSubScope}, walks every operation of the graph to learn the names in use, so building a
 * model costs time quadratic in its size (a 300-layer model took 115 s to plan). Here an op name
 * is made unique when the op is named, by asking the graph whether the name exists (a hash
 * lookup) and remembering the names handed out: building is linear in the number of ops. Names at
 * the root are made by the graph's base scope (what {@code Ops.create(graph)} uses), so that code
 * using both on one graph never makes a name twice.
 *
 * <p>Sub-scope names are not made unique (calling a layer twice gives {@code dense/MatMul} and
 * {@code dense/MatMul_1}) and may contain {@code /} ({@code res/conv2d}, a layer of a block).
 * Devices, control dependencies and the init scope behave as in {@code OpScope}.
 */
public final class LinearScope implements Scope {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.][A-Za-z0-9_.\\-/]*");
  private final Names names;
  private final String prefix;
  private final String opName;
  private final List<Operation> controlDependencies;
  private final DeviceSpec device;
  private final boolean init;

  /** Op names handed out in one graph, with the next suffix to try for each. */
  private static final class Names {
    final Graph graph;
    final Map<String, Integer> next = new HashMap<>();

    Names(Graph graph) {
      this.graph = graph;
    }

    String unique(String name) {
      if (!name.contains("/")) {
        // Ops.create(graph) hands out the graph's one base scope, which knows only the root
        // names it made itself: root names are made there, so its later names cannot collide
        Scope base = graph.baseScope();
        String made = base.makeUnique(name);
        while (graph.operation(made) != null) {
          made = base.makeUnique(name);
        }
        return made;
      }
      Integer n = next.get(name);
      if (n == null && graph.operation(name) == null) {
        next.put(name, 1);
        return name;
      }
      int i = n == null ? 1 : n;
      while (next.containsKey(name + "_" + i) || graph.operation(name + "_" + i) != null) {
        i++;
      }
      next.put(name, i + 1);
      next.put(name + "_" + i, 1);
      return name + "_" + i;
    }
  }

  private LinearScope(Names names, String prefix, String opName, List<Operation> controlDependencies, DeviceSpec device, boolean init) {
    this.names = names;
    this.prefix = prefix;
    this.opName = opName;
    this.controlDependencies = controlDependencies;
    this.device = device;
    this.init = init;
  }

  /** Ops over a new root scope of {@code graph}. */
  public static Ops ops(Graph graph) {
    return ScopedOps.of(new LinearScope(new Names(graph), "", null, List.of(), DeviceSpec.newBuilder().build(), false));
  }

  @Override
  public ExecutionEnvironment env() {
    return names.graph;
  }

  @Override
  public Scope withSubScope(String childScopeName) {
    check(childScopeName);
    return new LinearScope(names, qualify(childScopeName), null, controlDependencies, device, init);
  }

  @Override
  public Scope withName(String name) {
    check(name);
    return new LinearScope(names, prefix, name, controlDependencies, device, init);
  }

  @Override
  public Scope withNameAsSubScope(String defaultName) {
    String name = opName != null ? opName : defaultName;
    check(name);
    return new LinearScope(names, qualify(name), null, controlDependencies, device, init);
  }

  @Override
  public Scope withDevice(DeviceSpec newDevice) {
    return new LinearScope(names, prefix, opName, controlDependencies, newDevice, init);
  }

  @Override
  public Scope withInitScope() {
    return new LinearScope(names, prefix, opName, List.of(), device, true);
  }

  @Override
  public String makeOpName(String defaultName) {
    String name = opName != null ? opName : defaultName;
    check(name);
    return names.unique(qualify(name));
  }

  @Override
  public String makeUnique(String id) {
    return names.unique(qualify(id)).substring(prefix.isEmpty() ? 0 : prefix.length() + 1);
  }

  @Override
  public void refreshNames() {
    // names are checked against the graph itself when they are made
  }

  @Override
  public Scope withControlDependencyOps(Iterable<Operation> controls) {
    List<Operation> ops = new ArrayList<>();
    for (Operation op : controls) {
      names.graph.checkInput(op);
      boolean initializer = names.graph.isInitializer(op);
      if (init && !initializer) {
        throw new IllegalArgumentException("Init scope can not have non-init control dependency.");
      }
      if (init || !initializer) {
        ops.add(op);
      }
    }
    return new LinearScope(names, prefix, opName, List.copyOf(ops), device, init);
  }

  @Override
  public OperationBuilder apply(OperationBuilder builder) {
    builder.setDevice(device.toString());
    for (Operation op : controlDependencies) {
      if (init || !names.graph.isInitializer(op)) {
        builder.addControlInput(op);
      }
    }
    return builder;
  }

  @Override
  public String getDeviceString() {
    return device.toString();
  }

  @Override
  public boolean isInit() {
    return init;
  }

  private String qualify(String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static void check(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid op name '" + name + "' (expected " + NAME.pattern() + ")");
    }
  }
}
