package com.cjmflow.backfill;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar cjm-flow.jar digitalize --source=eubike.db}: the backfill as a command (seed 000 §9). The
 * application starts without its web server and job executor ({@link #arguments}), runs the backfill once, prints
 * each step and a summary, and exits: 0 done, 1 failed, 2 wrong arguments, 3 another run holds the lock.
 */
@Component
public class DigitalizeCommand implements ApplicationRunner, ExitCodeGenerator {

  static final String COMMAND = "digitalize";

  private final Backfill backfill;
  private final PrintStream out = System.out;
  private int exitCode;

  DigitalizeCommand(Backfill backfill) {
    this.backfill = backfill;
  }

  /** True when the arguments ask for the command. */
  public static boolean requested(String[] args) {
    return Arrays.asList(args).contains(COMMAND);
  }

  /**
   * The command's arguments plus what its application context needs instead of the server's: no web server, no job
   * executor, no mail dispatcher (as command-line properties, so no profile turns them back on).
   */
  public static String[] arguments(String[] args) {
    String[] all = Arrays.copyOf(args, args.length + 5);
    all[args.length] = "--spring.main.web-application-type=none";
    all[args.length + 1] = "--camunda.bpm.job-execution.enabled=false";
    all[args.length + 2] = "--cjm.notifications.dispatcher.enabled=false";
    all[args.length + 3] = "--spring.main.banner-mode=off";
    all[args.length + 4] = "--spring.autoconfigure.exclude="
        + "org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
        + "org.camunda.bpm.spring.boot.starter.webapp.CamundaBpmWebappAutoConfiguration";
    return all;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (!args.getNonOptionArgs().contains(COMMAND)) {
      return;
    }
    if (!args.containsOption("source") || args.getOptionValues("source").isEmpty()) {
      out.println("usage: digitalize --source=path/to/eubike.db");
      exitCode = 2;
      return;
    }
    Path source = Path.of(args.getOptionValues("source").get(0));
    out.println("digitalize: backfill from " + source.toAbsolutePath());
    long start = System.nanoTime();
    try {
      BackfillRun run = backfill.runNow(source, "cli", System.getProperty("user.name"),
          (step, done, total, summary) -> out.printf("[%2d/%d] %-10s %s%n", done, total, step, summary));
      out.println(BackfillSummary.of(run));
      out.printf("digitalize: %s in %.1f s%n", run.status(), (System.nanoTime() - start) / 1e9);
      exitCode = "done".equals(run.status()) ? 0 : 1;
    } catch (BackfillRunning busy) {
      out.println("digitalize: " + busy.getMessage());
      exitCode = 3;
    } catch (LegacySourceUnreadable unreadable) {
      out.println("digitalize: " + unreadable.getMessage());
      exitCode = 2;
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
