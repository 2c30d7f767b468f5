package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code parley} in a process of its own, as a user runs it: its own working directory, environment and JVM options
 * (what an in-process run cannot set: {@code PARLEY_DATA}, {@code ./parley-data}, a trust store).
 */
final class CliProcess {
  private CliProcess() {}

  /** Runs {@code parley args} in {@code dir}, with {@code env} added to (or, for a null value, removed from) ours. */
  static CliTest.Run run(Path dir, Map<String, String> env, List<String> jvmOptions, String... args)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(command).directory(dir.toFile());
    env.forEach((k, v) -> {
      if (v == null) {
        b.environment().remove(k);
      } else {
        b.environment().put(k, v);
      }
    });
    Process p = b.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("parley " + String.join(" ", args) + " ends").isTrue();
    return new CliTest.Run(p.exitValue(), out.get().trim(), err.get());
  }

  private static String read(InputStream in) {
    try (in) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
