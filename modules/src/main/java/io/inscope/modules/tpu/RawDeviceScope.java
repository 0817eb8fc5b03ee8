package io.inscope.modules.tpu;

import java.util.Map;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Scope;

/**
 * A scope that gives every op it builds a raw device string and extra attributes (string or bool,
 * {@code _}-prefixed ones included). {@link DeviceSpec} has no {@code TPU_SYSTEM} or {@code
 * TPU_REPLICATED_CORE} type, and a device set on the builder is overwritten by the scope's, so the
 * device is set after the wrapped scope has applied its own.
 */
final class RawDeviceScope implements Scope {
  private final Scope inner;
  private final String device;
  private final Map<String, Object> attrs;

  private RawDeviceScope(Scope inner, String device, Map<String, Object> attrs) {
    this.inner = inner;
    this.device = device;
    this.attrs = Map.copyOf(attrs);
  }

  /** {@code inner} with every op on {@code device} (null keeps inner's) and {@code attrs} set. */
  static Scope of(Scope inner, String device, Map<String, Object> attrs) {
    return new RawDeviceScope(inner, device, attrs);
  }

  static Scope onDevice(Scope inner, String device) {
    return of(inner, device, Map.of());
  }

  private Scope wrap(Scope s) {
    return new RawDeviceScope(s, device, attrs);
  }

  @Override
  public ExecutionEnvironment env() {
    return inner.env();
  }

  @Override
  public Scope withSubScope(String childScopeName) {
    return wrap(inner.withSubScope(childScopeName));
  }

  @Override
  public Scope withName(String opName) {
    return wrap(inner.withName(opName));
  }

  @Override
  public Scope withNameAsSubScope(String defaultName) {
    return wrap(inner.withNameAsSubScope(defaultName));
  }

  @Override
  public Scope withDevice(DeviceSpec newDevice) {
    return new RawDeviceScope(inner.withDevice(newDevice), null, attrs);
  }

  @Override
  public Scope withInitScope() {
    return wrap(inner.withInitScope());
  }

  @Override
  public String makeOpName(String defaultName) {
    return inner.makeOpName(defaultName);
  }

  @Override
  public String makeUnique(String id) {
    return inner.makeUnique(id);
  }

  @Override
  public void refreshNames() {
    inner.refreshNames();
  }

  @Override
  public Scope withControlDependencyOps(Iterable<Operation> controls) {
    return wrap(inner.withControlDependencyOps(controls));
  }

  @Override
  public OperationBuilder apply(OperationBuilder builder) {
    inner.apply(builder);
    if (device != null) {
      builder.setDevice(device);
    }
    for (Map.Entry<String, Object> a : attrs.entrySet()) {
      if (a.getValue() instanceof Boolean b) {
        builder.setAttr(a.getKey(), b);
      } else {
        builder.setAttr(a.getKey(), a.getValue().toString());
      }
    }
    return builder;
  }

  @Override
  public String getDeviceString() {
    return device != null ? device : inner.getDeviceString();
  }

  @Override
  public boolean isInit() {
    return inner.isInit();
  }
}
