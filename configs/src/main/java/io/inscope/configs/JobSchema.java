package io.inscope.configs;

import io.inscope.configs.internal.Json;
import io.inscope.configs.internal.SchemaWriter;

/**
 * The JSON Schema of the job file, as {@code schema} prints it, for editors' YAML plugins
 * (draft-07; for VS Code's YAML extension, a {@code # yaml-language-server: $schema=job.schema.json}
 * first line). Derived from the spec records, so it always matches what the loader accepts, except
 * for rules that span keys (exactly one of epochs and steps, batch divisible by the replicas),
 * which only {@code check} sees.
 */
public final class JobSchema {
  private JobSchema() {}

  public static String json() {
    return Json.write(SchemaWriter.jobSchema());
  }
}
