package io.inscope.runner.internal;

import io.inscope.configs.JobSpec;
import io.inscope.modules.data.DataException;
import io.inscope.modules.data.FeatureStream;
import io.inscope.modules.data.RawStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.types.TString;

/**
 * Feeds {@code predict}'s input to a served model a batch at a time, as a deployed model is fed:
 * a text job's texts as strings to {@code serving_default} (vectorized in the graph), an image job's
 * files as bytes to {@code serving_bytes} (decoded in the graph), anything else as the numbers a
 * {@link FeatureStream} reads (each model input's values cut from the feature row), to {@code
 * serving_default}.
 */
public final class PredictionFeed implements AutoCloseable {
  private final ServedModel served;
  private final FeatureStream numbers;
  private final RawStream raw;
  private final float[] features;
  private final byte[][] bytes;
  private final int width;
  private int size;

  private PredictionFeed(ServedModel served, FeatureStream numbers, RawStream raw, int batchSize) {
    this.served = served;
    this.numbers = numbers;
    this.raw = raw;
    this.width = (int) served.job.model().featureRow().elements();
    this.features = raw == null ? new float[batchSize * width] : null;
    this.bytes = raw == null ? null : new byte[batchSize][];
  }

  public static PredictionFeed open(ServedModel served, Path input, int batchSize) throws DataException {
    JobSpec job = served.job;
    Optional<RawStream> raw = served.takesText() || served.takesFiles()
        ? RawStream.open(job.data().train().source(), input) : Optional.empty();
    if (raw.isPresent()) {
      return new PredictionFeed(served, null, raw.get(), batchSize);
    }
    return new PredictionFeed(served, FeatureStream.open(job.data().train().source(), job.model().namedInputs(), input), null,
        batchSize);
  }

  /** The outputs for the next batch, or null after the last; {@link #size()} says how many examples it held. */
  public Result next() throws DataException {
    if (raw != null) {
      size = raw.read(bytes, bytes.length);
      if (size == 0) {
        return null;
      }
      byte[][] batch = size == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, size);
      try (TString t = TString.tensorOfBytes(NdArrays.vectorOfObjects(batch))) {
        if (served.takesText()) {
          return served.predict(t);
        }
        return served.predictFiles(t);
      } catch (TFInvalidArgumentException e) {
        String why = e.getMessage().strip().lines().findFirst().orElse("");
        throw new DataException("image_folder", "an image of the " + size + " up to " + raw.position()
            + " does not decode (" + why + "); replace or remove it");
      }
    }
    size = numbers.read(features, features.length / width);
    if (size == 0) {
      return null;
    }
    return served.predict(features, size);
  }

  /** The number of examples of the last batch. */
  public int size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    if (raw != null) {
      raw.close();
    } else {
      numbers.close();
    }
  }
}
