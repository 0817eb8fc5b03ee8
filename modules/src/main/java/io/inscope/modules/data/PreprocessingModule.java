package io.inscope.modules.data;

import com.google.inject.AbstractModule;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.configs.data.RandomContrastSpec;
import io.inscope.configs.data.RandomCropSpec;
import io.inscope.configs.data.RandomFlipSpec;
import io.inscope.configs.data.RescaleSpec;
import io.inscope.modules.data.preprocessing.Normalize;
import io.inscope.modules.data.preprocessing.RandomBrightness;
import io.inscope.modules.data.preprocessing.RandomContrast;
import io.inscope.modules.data.preprocessing.RandomCrop;
import io.inscope.modules.data.preprocessing.RandomFlip;
import io.inscope.modules.data.preprocessing.Rescale;

/**
 * Registers every built-in preprocessing kind by its spec record class (kept sorted by YAML name);
 * {@link DataModule} installs it.
 */
public final class PreprocessingModule extends AbstractModule {
  @Override
  protected void configure() {
    PreprocessingKinds kinds = PreprocessingKinds.of(binder());
    kinds.add(NormalizeSpec.class, Normalize::new);
    kinds.add(RandomBrightnessSpec.class, RandomBrightness::new);
    kinds.add(RandomContrastSpec.class, RandomContrast::new);
    kinds.add(RandomCropSpec.class, RandomCrop::new);
    kinds.add(RandomFlipSpec.class, RandomFlip::new);
    kinds.add(RescaleSpec.class, Rescale::new);
  }
}
