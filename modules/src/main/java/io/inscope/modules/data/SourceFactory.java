package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.data.SourceSpec;
import java.util.Map;

/**
 * Loads the examples of one data source kind into memory. Implementations are bound in {@link
 * DataModule} under the kind's YAML name ({@code csv}, {@code idx}, {@code synthetic}, {@code
 * tfrecord}); adding a kind is one spec record, one factory, one {@code addBinding} line and one
 * test.
 *
 * <p>Contract: paths in the spec are absolute; the returned examples have {@code
 * input.shape()} as their feature shape, and a source whose examples hold a different number of
 * elements fails rather than reshaping. The result depends only on the files and {@code seed}.
 * Scaling ({@code data.*.scale}) is applied by {@link DataLoader}, not here.
 */
public interface SourceFactory {
  /**
   * @param spec the source spec of this factory's kind
   * @param input {@code model.input}: the shape (and element count) every example must have
   * @param seed the job seed, for sources that generate data
   * @throws DataException with {@link DataException#where()} the kind name
   */
  Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException;

  /**
   * The examples of a model with named inputs ({@code model.inputs}): each example's features are
   * its inputs' values, one input after the other in the map's order, as {@link
   * io.inscope.configs.ModelSpec#featureRow()} describes. A source that reads named features
   * (tfrecord, csv with {@code feature_groups}) feeds each input from the feature of its name.
   * This default serves one input and refuses several.
   *
   * @param inputs the model's inputs by name, in declared order
   */
  default Examples load(SourceSpec spec, Map<String, InputSpec> inputs, long seed) throws DataException {
    if (inputs.size() == 1) {
      return load(spec, inputs.values().iterator().next(), seed);
    }
    throw oneInputOnly(spec, inputs);
  }

  /** The error of a source that gives one feature per example, given a model of several inputs. */
  static DataException oneInputOnly(SourceSpec spec, Map<String, InputSpec> inputs) {
    String kind = DataLoader.kindOf(spec.getClass());
    return new DataException(kind, (kind.matches("[aeiou].*") ? "an " : "a ") + kind + " source gives one feature per example but the model has "
        + inputs.size() + " inputs (" + String.join(", ", inputs.keySet())
        + "); feed several inputs from tfrecord (a feature per input), csv (feature_groups) or synthetic data");
  }
}
