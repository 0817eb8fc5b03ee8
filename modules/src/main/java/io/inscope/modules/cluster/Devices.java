package io.inscope.modules.cluster;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListName;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Lists the devices a session with a given target and config really sees. TensorFlow Java has no
 * API for it, so this opens a throw-away session on an empty graph through the C API.
 */
public final class Devices {
  private Devices() {}

  public static List<String> list(String target, ConfigProto config) {
    TF_Graph graph = TF_NewGraph();
    TF_SessionOptions options = TF_NewSessionOptions();
    try (TF_Status status = TF_Status.newStatus()) {
      if (!target.isEmpty()) {
        TF_SetTarget(options, target);
      }
      byte[] bytes = config.toByteArray();
      try (BytePointer configBytes = new BytePointer(bytes)) {
        TF_SetConfig(options, configBytes, bytes.length, status);
        status.throwExceptionIfNotOK();
      }
      TF_Session session = TF_NewSession(graph, options, status);
      status.throwExceptionIfNotOK();
      try {
        TF_DeviceList list = TF_SessionListDevices(session, status);
        status.throwExceptionIfNotOK();
        try {
          List<String> names = new ArrayList<>();
          int n = TF_DeviceListCount(list);
          for (int i = 0; i < n; i++) {
            names.add(TF_DeviceListName(list, i, status).getString());
            status.throwExceptionIfNotOK();
          }
          return names;
        } finally {
          TF_DeleteDeviceList(list);
        }
      } finally {
        closeSession(session, status);
      }
    } finally {
      TF_DeleteSessionOptions(options);
      TF_DeleteGraph(graph);
    }
  }

  private static void closeSession(TF_Session session, TF_Status status) {
    org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession(session, status);
    org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession(session, status);
  }

  /** The device type of a full device name: {@code .../device:GPU:1} gives {@code GPU}. */
  public static String type(String deviceName) {
    int at = deviceName.lastIndexOf("device:");
    String tail = at < 0 ? deviceName : deviceName.substring(at + "device:".length());
    int colon = tail.indexOf(':');
    return colon < 0 ? tail : tail.substring(0, colon);
  }
}
