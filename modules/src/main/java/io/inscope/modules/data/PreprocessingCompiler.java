package io.inscope.modules.data;

import com.google.inject.Guice;
import io.inscope.configs.InputSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.PreprocessingSpec;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a split's {@code preprocessing} steps into a {@link Preprocessing} with the factories
 * the job's injector binds ({@link PreprocessingKinds}: the built-in kinds and those of the job's
 * {@code plugins:}).
 */
public final class PreprocessingCompiler {
  private static PreprocessingCompiler builtIn;

  private final Map<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>> kinds;

  @Inject
  public PreprocessingCompiler(Map<Class<? extends PreprocessingSpec>, PreprocessingFactory<?>> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** The built-in kinds alone ({@link PreprocessingModule}), for code that runs without a job's injector. */
  public static synchronized PreprocessingCompiler builtIn() {
    if (builtIn == null) {
      builtIn = Guice.createInjector(new PreprocessingModule()).getInstance(PreprocessingCompiler.class);
    }
    return builtIn;
  }

  /** The kinds with a bound factory. */
  public Set<Class<? extends PreprocessingSpec>> kinds() {
    return kinds.keySet();
  }

  /** Every step of {@code steps}, random ones drawn from {@code seed}: what training batches get. */
  public Preprocessing training(List<PreprocessingSpec> steps, InputSpec input, long seed) {
    return compile(steps, true, input, seed);
  }

  /** The steps of {@code steps} that are not random: what evaluation, prediction and the export apply. */
  public Preprocessing inference(List<PreprocessingSpec> steps, InputSpec input) {
    return compile(steps.stream().filter(s -> !s.random()).toList(), false, input, 0);
  }

  /**
   * Checks that every step of the split has a bound factory, before anything is read.
   *
   * @param where the split's spec path, e.g. {@code data.train}
   */
  public void checkBound(DataSplitSpec split, String where) throws DataException {
    if (split == null) {
      return;
    }
    List<PreprocessingSpec> steps = split.steps();
    for (int i = 0; i < steps.size(); i++) {
      Class<? extends PreprocessingSpec> kind = steps.get(i).getClass();
      if (!kinds.containsKey(kind)) {
        throw new DataException(where + ".preprocessing[" + i + "]." + kind.getAnnotation(Kind.class).value(),
            PreprocessingKinds.unbound(kind));
      }
    }
  }

  private Preprocessing compile(List<PreprocessingSpec> kept, boolean training, InputSpec input, long seed) {
    ExampleShape shape = ExampleShape.of(input);
    List<PreprocessingStep> steps = new ArrayList<>(kept.size());
    for (PreprocessingSpec s : kept) {
      steps.add(PreprocessingKinds.create(kinds, s, shape));
    }
    return new Preprocessing(kept, steps, training, shape, seed);
  }
}
