package io.inscope.configs.data;

/**
 * Where examples come from, a kind written among the split's keys. Relative paths resolve against the job file's directory.
 *
 * <pre>
 * train: {idx: {images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}, batch_size: 32}
 * </pre>
 */
public sealed interface SourceSpec permits CsvSpec, IdxSpec, SyntheticSpec, TfrecordSpec {}
