package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TpuTopologyTest {

  @Test
  void readsAV3Topology() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    int[] mesh = {2, 2, 1, 2};
    int size = 0;
    for (int m : mesh) {
      size += CodedOutputStream.computeInt32SizeNoTag(m);
    }
    out.writeTag(1, 2); // packed mesh_shape, as proto3 writes repeated int32
    out.writeUInt32NoTag(size);
    for (int m : mesh) {
      out.writeInt32NoTag(m);
    }
    out.writeInt32(2, 1);
    out.writeInt32(3, 8);
    out.writeInt32(4, 0); // device_coordinates: skipped
    out.writeString(5, "ignored"); // a field added later: skipped
    out.flush();
    TpuTopology t = TpuTopology.parse(bytes.toByteArray());
    assertEquals(new TpuTopology(List.of(2, 2, 1, 2), 1, 8), t);
    assertEquals(8, t.cores());
  }

  @Test
  void unpackedMeshAndGarbage() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeInt32(1, 4);
    out.writeInt32(1, 4);
    out.flush();
    assertEquals(List.of(4, 4), TpuTopology.parse(bytes.toByteArray()).meshShape());
    assertThrows(IllegalArgumentException.class, () -> TpuTopology.parse(new byte[] {(byte) 0x0a, (byte) 0xff}));
  }
}
