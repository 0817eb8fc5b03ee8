package io.inscope.configs.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.Fraction;
import io.inscope.configs.JobLoader;
import io.inscope.configs.JobRenderer;
import io.inscope.configs.JobSpec;
import io.inscope.configs.SpecException;
import io.inscope.configs.Jobs;
import io.inscope.configs.internal.KindFamily;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingSpecTest {
  private static final String JOB = Jobs.TINY
      .replace("input: {shape: [4]}", "input: {shape: [2, 2, 1]}")
      .replace("layers: [", "layers: [flatten, ")
      .replace("train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}", """
          train:
              synthetic: {examples: 64, classes: 3}
              preprocessing:
                - rescale: 1/255
                - random_flip: horizontal
                - normalize: {mean: 0.5, std: 0.25}
                - random_crop: 1
                - random_brightness: 0.2
                - random_contrast: {factor: 0.1, value_range: [-2, 2]}
              batch_size: 8
            eval: {synthetic: 16, batch_size: 8}""");

  @Test
  void stepsReadAsKerasWritesThemWithShortForms() throws Exception {
    JobSpec spec = Jobs.load(Map.of(), JOB);
    List<PreprocessingSpec> steps = spec.data().train().steps();
    assertEquals(new RescaleSpec(new Fraction(1 / 255.0, "1/255"), 0.0), steps.get(0));
    assertEquals(new RandomFlipSpec(FlipMode.HORIZONTAL), steps.get(1));
    assertEquals(new NormalizeSpec(List.of(0.5), List.of(0.25)), steps.get(2));
    assertEquals(new RandomCropSpec(1, null), steps.get(3));
    assertEquals(new RandomBrightnessSpec(0.2, List.of(0.0, 255.0)), steps.get(4));
    assertEquals(new RandomContrastSpec(0.1, List.of(-2.0, 2.0)), steps.get(5));
  }

  @Test
  void evalLeftOutTakesTheTrainingStepsThatAreNotRandom() throws Exception {
    JobSpec spec = Jobs.load(Map.of(), JOB);
    assertEquals(List.of(spec.data().train().steps().get(0), spec.data().train().steps().get(2)),
        spec.data().eval().preprocessing());
    JobSpec own = Jobs.load(Map.of(), JOB.replace("eval: {synthetic: 16, batch_size: 8}",
        "eval: {synthetic: 16, preprocessing: [], batch_size: 8}"));
    assertEquals(List.of(), own.data().eval().preprocessing());
  }

  @Test
  void resolvedJobWritesTheStepsAndLoadsBackEqual() throws Exception {
    JobSpec spec = Jobs.load(Map.of(), JOB);
    String rendered = JobRenderer.render(spec);
    assertTrue(rendered.contains("scale: 1/255"), rendered);
    assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, Path.of("job.yaml")).spec(), rendered);
  }

  @Test
  void randomStepsAreTheAugmentations() {
    assertTrue(new RandomFlipSpec(FlipMode.VERTICAL).random());
    assertTrue(!new RescaleSpec(Fraction.of(2), 0).random() && !new NormalizeSpec(List.of(0.0), List.of(1.0)).random());
  }

  @Test
  void eachKindDeclaresTheShapesItTakes() {
    assertTrue(new RandomFlipSpec(FlipMode.VERTICAL).needsImages() && new RandomCropSpec(1, null).needsImages()
        && new RandomContrastSpec(0.1, List.of(0.0, 1.0)).needsImages());
    assertTrue(!new RandomBrightnessSpec(0.1, List.of(0.0, 1.0)).needsImages() && !new RescaleSpec(Fraction.of(2), 0).needsImages()
        && !new NormalizeSpec(List.of(0.0), List.of(1.0)).needsImages());
    List<Integer> rgb = List.of(8, 8, 3);
    new NormalizeSpec(List.of(0.1, 0.2, 0.3), List.of(1.0)).checkInput(rgb);
    new NormalizeSpec(List.of(0.1), List.of(1.0)).checkInput(List.of(10));
    SpecException channels = assertThrows(SpecException.class, () -> new NormalizeSpec(List.of(0.1), List.of(1.0, 2.0)).checkInput(rgb));
    assertEquals("std", channels.key());
    new RandomCropSpec(2, List.of(8, 8)).checkInput(rgb);
    assertEquals("size", assertThrows(SpecException.class, () -> new RandomCropSpec(2, List.of(6, 8)).checkInput(rgb)).key());
  }

  @Test
  void theFamilyListsTheBuiltInKindsByName() {
    assertEquals(List.of("normalize", "random_brightness", "random_contrast", "random_crop", "random_flip", "rescale"),
        List.copyOf(KindFamily.of(PreprocessingSpec.class).kinds().keySet()));
  }
}
