package io.inscope.runner.internal;

import io.inscope.modules.train.ServingGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AssetFileDef;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SaverDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TString;

/**
 * Writes a {@link ServingGraph} and its session's variables as a SavedModel (tag {@code serve}),
 * as TensorFlow's own builder does for a graph with assets: the {@code serving_default} signature
 * with method name {@code tensorflow/serving/predict} (and for image models {@code serving_bytes},
 * the same outputs from encoded image files); the assets copied into {@code assets/} and
 * listed in {@code asset_file_def}; and the table initializer as the {@code __saved_model_init_op}
 * signature, which TensorFlow's loaders (C++, Python, TensorFlow Serving, TensorFlow Java) run
 * after restoring the variables, with each asset's path fed into its tensor.
 *
 * <p>TensorFlow Java's {@code SavedModelBundle.exporter} writes neither assets nor an init op,
 * hence this class. The initializer is deliberately not in the {@code table_initializer}
 * collection: TensorFlow Java's loader would run it a second time without the asset feeds.
 */
public final class SavedModelWriter {
  public static final String TAG = "serve";
  public static final String SIGNATURE = "serving_default";
  public static final String PREDICT_METHOD = "tensorflow/serving/predict";
  public static final String INIT_OP_KEY = "__saved_model_init_op";

  private SavedModelWriter() {}

  /**
   * @param session a session over {@code graph}'s graph with the variables' values loaded
   * @param assets each asset's content by its file name in {@code assets/}
   */
  public static void write(Session session, ServingGraph graph, Path dir, Map<String, byte[]> assets) throws IOException {
    Files.createDirectories(dir.resolve("variables"));
    Files.createDirectories(dir.resolve("assets"));
    MetaGraphDef.Builder meta = MetaGraphDef.newBuilder();
    for (Map.Entry<String, Operand<TString>> a : graph.assets().entrySet()) {
      byte[] content = assets.get(a.getKey());
      if (content == null) {
        throw new IllegalArgumentException("no content for the asset " + a.getKey());
      }
      Files.write(dir.resolve("assets").resolve(a.getKey()), content);
      meta.addAssetFileDef(AssetFileDef.newBuilder().setFilename(a.getKey()).setTensorInfo(info(a.getValue().asOutput())));
    }
    try (TString prefix = TString.scalarOf(dir.resolve("variables").resolve("variables").toString())) {
      session.runner().feed(graph.checkpoint().prefix(), prefix).addTarget(graph.checkpoint().save()).run();
    }
    SignatureDef.Builder serving = SignatureDef.newBuilder().setMethodName(PREDICT_METHOD);
    graph.inputs().forEach((name, in) -> serving.putInputs(name, info(in.asOutput())));
    graph.outputs().forEach((name, out) -> serving.putOutputs(name, info(out.asOutput())));
    graph.bytes().ifPresent(b -> {
      SignatureDef.Builder bytes = SignatureDef.newBuilder().setMethodName(PREDICT_METHOD)
          .putInputs(ServingGraph.BYTES_INPUT, info(b.input().asOutput()));
      b.outputs().forEach((name, out) -> bytes.putOutputs(name, info(out.asOutput())));
      meta.putSignatureDef(ServingGraph.BYTES_SIGNATURE, bytes.build());
    });
    SignatureDef init = SignatureDef.newBuilder()
        .putOutputs(INIT_OP_KEY, TensorInfo.newBuilder().setName(graph.init().op().name()).setDtype(DataType.DT_INVALID).build())
        .build();
    meta.setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags(TAG).setTensorflowVersion(TensorFlow.version()))
        .setGraphDef(session.graph().toGraphDef())
        .setSaverDef(SaverDef.newBuilder()
            .setFilenameTensorName(graph.checkpoint().prefix().op().name() + ":0")
            .setSaveTensorName(graph.checkpoint().save().op().name() + ":0")
            .setRestoreOpName(graph.checkpoint().restore().op().name())
            .setVersion(SaverDef.CheckpointFormatVersion.V2))
        .putSignatureDef(SIGNATURE, serving.build())
        .putSignatureDef(INIT_OP_KEY, init);
    try (OutputStream out = Files.newOutputStream(dir.resolve("saved_model.pb"))) {
      SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(meta).build().writeTo(out);
    }
  }

  private static TensorInfo info(Output<?> output) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    Shape s = output.shape();
    if (s.isUnknown()) {
      shape.setUnknownRank(true);
    } else {
      for (int i = 0; i < s.numDimensions(); i++) {
        shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(s.get(i)));
      }
    }
    return TensorInfo.newBuilder().setName(output.op().name() + ":" + output.index()).setDtype(output.dataType())
        .setTensorShape(shape).build();
  }
}
