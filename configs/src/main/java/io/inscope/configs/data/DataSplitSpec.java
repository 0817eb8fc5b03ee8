package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Inline;
import io.inscope.configs.Range;

/**
 * One split: a source kind written among the split's own keys, and how it is batched.
 *
 * <pre>
 * train:
 *   idx: {images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}
 *   scale: 0.00392156862745098
 *   shuffle: 10000
 *   batch_size: 32
 * </pre>
 */
public record DataSplitSpec(
    @Doc("the source: exactly one of idx, csv, tfrecord, image_folder, text, synthetic") @Inline SourceSpec source,
    @Doc("multiplies every feature") @Default("1.0") double scale,
    @Doc("shuffle buffer size; 0 = no shuffle; >= the example count = a full shuffle each epoch")
        @Default("0")
        @Range(min = 0)
        int shuffle,
    @Doc("GLOBAL batch size, split evenly over the replicas") @Range(min = 1) int batchSize) {}
