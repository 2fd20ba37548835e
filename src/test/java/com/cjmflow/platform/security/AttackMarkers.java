package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.camunda.bpm.impl.juel.ExpressionFactoryImpl;
import org.camunda.bpm.impl.juel.SimpleContext;

/**
 * Payloads that would leave a marker file if they ran, and the proof that they would: each payload is first run in a
 * plain JUEL context (no CJM Flow policy), where it creates its marker.
 */
final class AttackMarkers {

  private static final Path DIRECTORY = Path.of("target", "attack-markers").toAbsolutePath();

  private AttackMarkers() {}

  /** A fresh marker path that does not exist yet. */
  static Path marker(String name) {
    try {
      Files.createDirectories(DIRECTORY);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return DIRECTORY.resolve(name + "-" + UUID.randomUUID());
  }

  /**
   * {@code Runtime.getRuntime().exec("touch <marker>").waitFor()} spelled without one forbidden word: the class by
   * {@code ''['class']}, {@code forName} and {@code getRuntime} concatenated at run time, every call through brackets.
   */
  static String runtimeExec(Path marker) {
    return "${''['class']['for'.concat('Name')]('java.lang.Runtime')['getMethod']('get'.concat('Runtime'))"
        + "['invoke'](null)['exec']('touch " + marker + "')['waitFor']()}";
  }

  /** Positive control: without our policy the payload runs and leaves its marker (then removed again). */
  static void assertPayloadWouldRun(String expression, Path marker) {
    var factory = new ExpressionFactoryImpl();
    var context = new SimpleContext();
    factory.createValueExpression(context, expression, Object.class).getValue(context);
    assertThat(marker).as("the payload runs in plain JUEL").exists();
    try {
      Files.delete(marker);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void assertNoMarker(Path marker) {
    assertThat(marker).as("nothing the payload would have done happened").doesNotExist();
  }
}
