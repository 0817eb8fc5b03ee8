package io.inscope.runner;

import io.inscope.configs.JobSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Prints the JSON Schema of the job file, for editors' YAML validation. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print the JSON Schema of the job file (for editors' YAML validation).")
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println(JobSchema.json());
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
