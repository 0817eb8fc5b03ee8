package io.inscope.configs.data;

import io.inscope.configs.Doc;

/**
 * Where examples come from, a kind written among the split's keys. Relative paths resolve against the job file's directory.
 *
 * <pre>
 * train: {idx: {images: train-images-idx3-ubyte.gz, labels: train-labels-idx1-ubyte.gz}, batch_size: 32}
 * </pre>
 */
@Doc("Where examples come from, written among the split's keys; relative paths resolve against the job file's directory")
public sealed interface SourceSpec permits CsvSpec, IdxSpec, ImageCsvSpec, ImageFolderSpec, SyntheticSpec, TextSpec, TfrecordSpec {}
