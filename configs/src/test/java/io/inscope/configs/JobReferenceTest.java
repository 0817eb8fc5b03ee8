package io.inscope.configs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/job-file.md is generated from the spec records; {@code -Dgolden.update=true} rewrites it. */
class JobReferenceTest {
  @Test
  void docsMatchTheRecords() throws Exception {
    String intro = Files.readString(Path.of("src/test/resources/reference/intro.md"));
    Golden.check(Path.of("../docs/job-file.md"), JobReference.markdown(intro));
  }
}
