package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.SourceSpec;

/**
 * A source of image files that can also list its examples without decoding them, for {@code
 * cache: false} ({@link ImageList}): the same files, labels and class names as {@link #load}.
 */
public interface ImageSource extends SourceFactory {
  /**
   * Lists the split's images and labels as {@link #load} does, checking what needs no decoding
   * (missing folder or file list, empty class folder, labels).
   */
  ImageList list(SourceSpec spec, InputSpec input) throws DataException;
}
