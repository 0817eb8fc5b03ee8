package io.inscope.configs.data;

/** How a tf.Example feature's values are read. */
public enum FeatureEncoding {
  /** numbers: a float_list or an int64_list, as the feature's dtype says */
  NONE,
  /** a bytes_list holding one encoded image (PNG, JPEG, GIF or BMP), decoded and resized to the feature's shape [h, w, channels] */
  IMAGE
}
