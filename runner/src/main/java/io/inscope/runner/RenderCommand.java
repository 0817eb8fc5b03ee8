package io.inscope.runner;

import io.inscope.configs.JobRenderer;
import io.inscope.configs.LoadedJob;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Prints the resolved job: templates merged, overrides applied, every default filled in; values of
 * keys naming a secret and values taken from secret-looking environment variables as {@code ***}.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = "Print the resolved job (extends, overrides, defaults applied; secrets as ***).")
public final class RenderCommand implements Callable<Integer> {
  @Mixin JobOptions job;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws UserException {
    PrintWriter out = spec.commandLine().getOut();
    LoadedJob loaded = job.load();
    out.print(loaded.secrets().redact(JobRenderer.render(loaded.spec())));
    out.flush();
    return ExitCodes.OK;
  }
}
