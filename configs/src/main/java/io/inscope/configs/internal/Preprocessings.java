package io.inscope.configs.internal;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.configs.data.RandomCropSpec;
import java.util.List;
import java.util.Map;

/**
 * Rules of {@code data.*.preprocessing} that need the model input: the steps read float examples;
 * flips, crops and contrast need an image ({@code [h, w]} or {@code [h, w, c]}); normalize gives one
 * value or one per channel; a crop keeps the input's size; evaluation data is never augmented.
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
      boolean image = shape.size() == 2 || shape.size() == 3;
      if (step.random() && !(step instanceof RandomBrightnessSpec) && !image) {
        problems.add(at(locations, path), path, kind + " needs images: model.input.shape [h, w] or [h, w, channels], got "
            + shape);
        continue;
      }
      int channels = shape.size() == 2 ? 1 : shape.get(shape.size() - 1);
      if (step instanceof NormalizeSpec n && n.channels() != 1 && n.channels() != channels) {
        String key = n.mean().size() != 1 ? "mean" : "std";
        problems.add(at(locations, path + "." + key), path + "." + key, "gives " + n.channels()
            + " values but the input has " + channels + " channel" + (channels == 1 ? "" : "s")
            + " (model.input.shape " + shape + ", last axis); give 1 value or " + channels);
      }
      if (step instanceof RandomCropSpec c && c.size() != null && image
          && !(c.size().get(0).equals(shape.get(0)) && c.size().get(1).equals(shape.get(1)))) {
        problems.add(at(locations, path + ".size"), path + ".size", "must be the model input's [height, width] "
            + shape.subList(0, 2) + " (got " + c.size() + "): the crop is taken after padding, at the input's size");
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
