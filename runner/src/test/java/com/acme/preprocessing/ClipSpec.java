package com.acme.preprocessing;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.SpecException;
import io.inscope.configs.data.PreprocessingSpec;

/** A test plugin's preprocessing kind: {@code clip: {min: -0.5, max: 0.5}} limits every value to [min, max]. */
@Doc("Limits every value to [min, max] (a plugin kind)")
@Kind("clip")
public record ClipSpec(@Doc("the lowest value kept") double min, @Doc("the highest value kept; > min") double max)
    implements PreprocessingSpec {
  public ClipSpec {
    if (!(max > min)) {
      throw new SpecException("max", "must be > min (" + min + "), got " + max);
    }
  }
}
