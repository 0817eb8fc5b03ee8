package io.inscope.configs.internal;

import io.inscope.configs.ConfigError;
import io.inscope.configs.JobSpec;
import io.inscope.configs.LoadedJob;
import io.inscope.configs.Secrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One load of a job file: read the extends chain and merge it, apply {@code --set} overrides,
 * interpolate the environment, bind to {@link JobSpec}, fill {@code ${name}} in {@code output},
 * and check rules across records. Every stage reports into one {@link Problems}; a stage that
 * leaves nothing to work on ends the load with the errors found so far.
 */
public final class Pipeline {
  private final Problems problems = new Problems();
  private final Interpolator interpolator;

  /** The result: a spec, the secret values it holds and where each value was written, or the sorted errors. */
  public record Result(JobSpec spec, List<ConfigError> errors, Secrets secrets, Map<String, LoadedJob.Position> positions) {}

  public Pipeline(Map<String, String> env) {
    this.interpolator = new Interpolator(env, problems);
  }

  public Result load(Path file, String display, List<String> overrides) {
    return finish(new Templates(problems, interpolator).load(file, display), overrides);
  }

  public Result loadText(String yaml, Path file, String display) {
    return finish(new Templates(problems, interpolator).resolve(file, display, yaml, List.of()), List.of());
  }

  private Result finish(YNode tree, List<String> overrides) {
    if (tree == null) {
      return failed();
    }
    if (tree instanceof YNode.Scalar s && s.isNull()) {
      problems.add(s.origin(), "", "the file is empty (expected a map of job keys: version, name, model, ...)");
      return failed();
    }
    tree = new Overrides(problems).apply(tree, overrides, JobSpec.class);
    tree = interpolator.apply(tree, "");
    tree = new Blocks(problems).expand(tree);
    Binder binder = new Binder(problems);
    JobSpec spec = binder.bindRoot(tree, JobSpec.class);
    if (spec == null) {
      return failed();
    }
    spec = withOutputName(spec);
    CrossChecks.check(spec, binder.locations(), problems);
    Map<String, LoadedJob.Position> positions = new java.util.HashMap<>();
    binder.locations().forEach((path, o) -> positions.put(path, new LoadedJob.Position(o.source(), o.line(), o.column())));
    return problems.isEmpty() ? new Result(spec, List.of(), interpolator.secrets(), positions) : failed();
  }

  private Result failed() {
    return new Result(null, problems.sorted(), Secrets.NONE, Map.of());
  }

  private static JobSpec withOutputName(JobSpec s) {
    if (!s.output().contains("${name}")) {
      return s;
    }
    return new JobSpec(s.version(), s.name(), s.seed(), s.cluster(), s.strategy(), s.variables(), s.model(),
        s.loss(), s.metrics(), s.optimizer(), s.data(), s.train(), s.checkpoint(), s.export(), s.tensorboard(),
        s.output().replace("${name}", s.name()), s.plugins(), s.initFrom());
  }
}
