package com.cjmflow.backfill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

import com.cjmflow.backfill.internal.Importer;
import com.cjmflow.backfill.internal.Report;
import com.cjmflow.backfill.internal.RunStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The backfill from the legacy CRM (seed 000 §9, {@code crm:digitalize}): one run at a time across nodes, in this
 * thread ({@link #runNow}, the {@code digitalize} command) or in the background ({@link #start}, the API). Every run
 * leaves its report in {@code crm_backfill_runs} and as a JSON file.
 */
@Service
public class Backfill implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

  private final Importer importer;
  private final RunStore runs;
  private final BackfillProperties settings;
  private final ObjectMapper json;
  private final Clock clock;
  private final Map<String, java.util.concurrent.Future<?>> running = new java.util.concurrent.ConcurrentHashMap<>();
  private final ExecutorService background = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "backfill");
    thread.setDaemon(true);
    return thread;
  });

  Backfill(Importer importer, RunStore runs, BackfillProperties settings, ObjectMapper json, Clock clock) {
    this.importer = importer;
    this.runs = runs;
    this.settings = settings;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    this.clock = clock;
  }

  /** Runs the backfill in this thread; {@code progress} hears of every step. */
  public BackfillRun runNow(Path source, String trigger, String requestedBy, BackfillProgress progress) {
    return runNow(source, settings.system(), trigger, requestedBy, progress);
  }

  /** The same, for a legacy system of another name (its external ids are kept apart from the default system's). */
  public BackfillRun runNow(Path source, String system, String trigger, String requestedBy,
      BackfillProgress progress) {
    String runId = begin(source, system, trigger, requestedBy);
    execute(runId, source, system, progress);
    return find(runId);
  }

  /** Starts a run in the background; its progress is at {@link #find}. */
  public BackfillRun start(Path source, String requestedBy) {
    String runId = begin(source, settings.system(), "api", requestedBy);
    running.put(runId, background.submit(() -> execute(runId, source, settings.system(),
        (step, done, total, summary) -> { })));
    running.values().removeIf(java.util.concurrent.Future::isDone);
    return find(runId);
  }

  /** Waits until a run this node started in the background has ended (or {@code max} passed). */
  void await(String runId, java.time.Duration max) throws Exception {
    java.util.concurrent.Future<?> future = running.get(runId);
    if (future != null) {
      future.get(max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }
  }

  public BackfillRun find(String runId) {
    return runs.find(runId).orElseThrow(() -> new BackfillRunNotFound(runId));
  }

  public Optional<String> running() {
    return runs.holder(now());
  }

  private String begin(Path source, String system, String trigger, String requestedBy) {
    if (!Files.isRegularFile(source) || !Files.isReadable(source)) {
      throw new LegacySourceUnreadable("No readable legacy database at " + source);
    }
    String runId = UUID.randomUUID().toString();
    if (!runs.tryLock(runId, now())) {
      throw new BackfillRunning(runs.holder(now()).orElse("?"));
    }
    runs.create(runId, trigger, requestedBy, source.toString(), system, Importer.STEPS.size(), now());
    return runId;
  }

  private void execute(String runId, Path source, String system, BackfillProgress progress) {
    try {
      Report report = importer.run(runId, source, system, now(), (step, done, total, summary) -> {
        runs.progress(runId, step, done);
        runs.heartbeat(runId, now());
        progress.step(step, done, total, summary);
      });
      String text = json.writeValueAsString(document(runId, source, system, report));
      runs.finish(runId, "done", text, write(runId, text), null, now());
    } catch (RuntimeException | java.io.IOException e) {
      LOG.error("Backfill run {} from {} failed", runId, source, e);
      runs.finish(runId, "failed", null, null, e.getClass().getSimpleName() + ": " + e.getMessage(), now());
    } finally {
      runs.unlock(runId);
    }
  }

  private Map<String, Object> document(String runId, Path source, String system, Report report) {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("runId", runId);
    document.put("source", source.toString());
    document.put("system", system);
    document.put("tables", report.tables());
    document.put("figures", report.figures());
    document.put("rules", report.byRule());
    document.put("steps", report.steps());
    document.put("entries", report.entries());
    return document;
  }

  private String write(String runId, String text) {
    try {
      Path directory = Path.of(settings.reportDirectory());
      Files.createDirectories(directory);
      Path file = directory.resolve("backfill-" + runId + ".json");
      Files.writeString(file, text);
      return file.toAbsolutePath().toString();
    } catch (java.io.IOException e) {
      LOG.warn("Backfill report of run {} not written as a file: {}", runId, e.getMessage());
      return null;
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  @Override
  public void destroy() {
    background.shutdownNow();
  }

  /** The steps a run goes through, in order. */
  public static List<String> steps() {
    return Importer.STEPS;
  }
}
