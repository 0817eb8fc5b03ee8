package io.inscope.modules.data;

import static io.inscope.modules.data.DataLoader.kindOf;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.ImageCsvSpec;
import io.inscope.configs.data.ImageFolderSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TextSpec;
import io.inscope.configs.data.TfrecordSpec;

/**
 * Binds a {@link SourceFactory} per data source kind in a {@code MapBinder<String,
 * SourceFactory>} keyed by the kind's YAML name (its {@code @Kind}): {@code csv}, {@code idx}, {@code image_csv}, {@code image_folder},
 * {@code synthetic}, {@code tfrecord}. A plugin module adds a kind with one more {@code
 * addBinding}. {@link DataLoader} needs no binding of its own. Installs {@link PreprocessingModule}, the
 * registry of preprocessing kinds.
 */
public final class DataModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new PreprocessingModule());
    MapBinder<String, SourceFactory> sources = MapBinder.newMapBinder(binder(), String.class, SourceFactory.class);
    sources.addBinding(kindOf(CsvSpec.class)).to(CsvSource.class);
    sources.addBinding(kindOf(IdxSpec.class)).to(IdxSource.class);
    sources.addBinding(kindOf(ImageCsvSpec.class)).to(ImageCsvSource.class);
    sources.addBinding(kindOf(ImageFolderSpec.class)).to(ImageFolderSource.class);
    sources.addBinding(kindOf(SyntheticSpec.class)).to(SyntheticSource.class);
    sources.addBinding(kindOf(TextSpec.class)).to(TextSource.class);
    sources.addBinding(kindOf(TfrecordSpec.class)).to(TfrecordSource.class);
  }
}
