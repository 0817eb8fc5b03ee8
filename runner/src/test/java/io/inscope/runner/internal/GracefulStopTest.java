package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.Every;
import io.inscope.configs.TimeSpan;
import io.inscope.configs.TrainSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {
  private final StringWriter log = new StringWriter();
  private final CompletableFuture<Integer> halted = new CompletableFuture<>();

  private GracefulStop stop(Instant start) {
    return new GracefulStop(new PrintWriter(log, true), halted::complete, start);
  }

  private static TrainSpec train(String maxDuration, String grace) {
    return new TrainSpec(null, 10L, 1, 100, Every.NEVER, maxDuration == null ? null : TimeSpan.parse(maxDuration), TimeSpan.parse(grace), io.inscope.configs.ThreadsSpec.DEFAULT);
  }

  @Test
  void aStopThatOutlastsTheGracePeriodHaltsWith124() throws Exception {
    try (GracefulStop s = stop(Instant.now())) {
      CountDownLatch asked = new CountDownLatch(1);
      s.attach(asked::countDown, train(null, "200ms"));
      s.request("SIGTERM");
      assertTrue(asked.await(1, TimeUnit.SECONDS));
      assertEquals(124, halted.get(5, TimeUnit.SECONDS));
      assertTrue(log.toString().contains("stopping (SIGTERM)"), log.toString());
      assertTrue(log.toString().contains("the stop took longer than the grace period (train.grace_period 200ms)"), log.toString());
    }
  }

  @Test
  void aJobThatReturnsWithinTheGracePeriodIsNotHalted() throws Exception {
    try (GracefulStop s = stop(Instant.now())) {
      s.attach(() -> {}, train(null, "200ms"));
      s.request("SIGINT");
      s.detach();
      Thread.sleep(400);
      assertFalse(halted.isDone());
      assertTrue(s.requested());
    }
  }

  @Test
  void maxDurationCountsFromTheCommandStartAndRequestsTheStop() throws Exception {
    try (GracefulStop s = stop(Instant.now().minusSeconds(3600))) {
      CountDownLatch asked = new CountDownLatch(1);
      s.attach(asked::countDown, train("1h", "10s"));
      assertTrue(asked.await(2, TimeUnit.SECONDS), "an hour had already passed");
      assertEquals("train.max_duration 1h reached", s.reason());
      s.detach();
    }
  }

  @Test
  void aRequestBeforeTheJobStartsStopsItAsSoonAsItAttaches() throws Exception {
    try (GracefulStop s = stop(Instant.now())) {
      s.request("SIGTERM");
      CountDownLatch asked = new CountDownLatch(1);
      s.attach(asked::countDown, train(null, "10s"));
      assertTrue(asked.await(1, TimeUnit.SECONDS));
      s.detach();
    }
  }
}
