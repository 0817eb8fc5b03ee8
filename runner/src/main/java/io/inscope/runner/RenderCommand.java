package io.inscope.runner;

import io.inscope.configs.JobRenderer;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the resolved job: templates merged, overrides applied, every default filled in. */
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
    out.print(JobRenderer.render(job.load().spec()));
    out.flush();
    return ExitCodes.OK;
  }
}
