package io.inscope.configs.internal;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.SpecException;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.PreprocessingSpec;
import java.util.List;
import java.util.Map;

/**
 * Rules of {@code data.*.preprocessing} that need the model input: the steps read float examples;
 * evaluation data is never augmented ({@link PreprocessingSpec#random()}); a kind that needs images
 * ({@link PreprocessingSpec#needsImages()}) gets {@code [h, w]} or {@code [h, w, c]}; then each kind
 * checks its own arguments against the shape ({@link PreprocessingSpec#checkInput}: normalize gives
 * one value or one per channel, a crop keeps the input's size). Plugin kinds are checked alike.
 */
final class Preprocessings {
  private Preprocessings() {}

  static void check(DataSplitSpec split, String splitPath, InputSpec input, boolean training,
      Map<String, Origin> locations, Problems problems) {
    if (split == null) {
      return;
    }
    List<PreprocessingSpec> steps = split.steps();
    List<Integer> shape = input.shape();
    for (int i = 0; i < steps.size(); i++) {
      PreprocessingSpec step = steps.get(i);
      String kind = KindFamily.nameOf(step.getClass());
      String path = splitPath + ".preprocessing[" + i + "]." + kind;
      if (input.dtype() != DType.FLOAT32) {
        problems.add(at(locations, path), path, "preprocessing reads float32 examples but model.input.dtype is "
            + TypeNames.yamlName(input.dtype()) + " (token ids); remove the step");
        continue;
      }
      if (step.random() && !training) {
        problems.add(at(locations, path), path, kind + " is an augmentation: it applies to training only; remove it from "
            + splitPath + " (left out, " + splitPath + ".preprocessing takes data.train's steps that are not random)");
        continue;
      }
      if (step.needsImages() && shape.size() != 2 && shape.size() != 3) {
        problems.add(at(locations, path), path, kind + " needs images: model.input.shape [h, w] or [h, w, channels], got "
            + shape);
        continue;
      }
      try {
        step.checkInput(shape);
      } catch (SpecException e) {
        String where = e.key().isEmpty() ? path : path + "." + e.key();
        problems.add(at(locations, where), where, e.getMessage());
      }
    }
  }

  private static Origin at(Map<String, Origin> locations, String path) {
    for (String p = path; ; p = p.substring(0, Math.max(p.lastIndexOf('.'), 0))) {
      if (locations.containsKey(p) || p.isEmpty()) {
        return locations.getOrDefault(p, locations.get(""));
      }
    }
  }
}
