package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretsTest {
  @Test
  void namesWithTokenPasswordSecretKeyOrCredentialInAnyCaseLookSecret() {
    for (String n : List.of("GITHUB_TOKEN", "db_password", "ClientSecret", "API_KEY", "GOOGLE_APPLICATION_CREDENTIALS")) {
      assertTrue(Secrets.isSecretName(n), n);
    }
    for (String n : List.of("HOME", "STEPS", "RUN_NAME", "LR")) {
      assertFalse(Secrets.isSecretName(n), n);
    }
  }

  @Test
  void theLoaderCollectsValuesOfSecretLookingVariablesOnly() throws Exception {
    String yaml = Jobs.TINY.replace("name: tiny", "name: run-${API_TOKEN}-${RUN:-1}") + "output: /runs/${DB_PASSWORD:-x}/${name}\n";
    LoadedJob job = new JobLoader(Map.of("API_TOKEN", "hunter2", "RUN", "7"))
        .loadResolved(yaml, Path.of("job.yaml"));
    assertEquals("run-hunter2-7", job.spec().name(), "the job itself has the value in clear");
    assertEquals(Set.of("hunter2"), job.secrets().values(), "RUN is no secret; an unset DB_PASSWORD's default is in the file");
    String rendered = job.secrets().redact(JobRenderer.render(job.spec()));
    assertTrue(rendered.contains("name: run-***-7"), rendered);
    assertFalse(rendered.contains("hunter2"), rendered);
    assertEquals("/runs/x/run-redacted-7", job.secrets().redactPath(job.spec().output()));
  }

  @Test
  void aSecretContainingAnotherIsHiddenWholeAndEmptyValuesAreIgnored() {
    Secrets s = new Secrets(Set.of("abc", "xabcx", ""));
    assertEquals("*** and ***", s.redact("xabcx and abc"));
    assertEquals("text", s.redact("text"));
  }
}
