package com.cjmflow.holacracy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.cjmflow.platform.IdentityConverged;

/**
 * What changes with time rather than with a request: assignments that begin or end, absences that begin, roles
 * nobody covers today, members over capacity, roles of models deployed on another node. Runs on start (after the
 * identity set-up) and then every {@code cjm.holacracy.watch-interval-ms} (default one minute) on every node that
 * runs background work (the job executor is on); every step is idempotent, so nodes may overlap.
 */
@Component
public class HolacracyWatch {

  private static final Logger LOG = LoggerFactory.getLogger(HolacracyWatch.class);

  /** What one run did. */
  public record Run(int adopted, int tasksHandedOver, int uncoveredRaised, int overCapacityRaised) {}

  private final ModelRoles modelRoles;
  private final Assignments assignments;
  private final Cover cover;
  private final AutomaticTensions automatic;
  private final HolacracyPlugin plugin;

  HolacracyWatch(ModelRoles modelRoles, Assignments assignments, Cover cover, AutomaticTensions automatic,
      HolacracyPlugin plugin) {
    this.modelRoles = modelRoles;
    this.assignments = assignments;
    this.cover = cover;
    this.automatic = automatic;
    this.plugin = plugin;
  }

  @EventListener(IdentityConverged.class)
  void onStart() {
    plugin.ready();
    Run run = run();
    LOG.info("Holacracy on start: {} membership(s) adopted as assignments, {} task(s) handed over, {} tension(s) "
        + "raised", run.adopted(), run.tasksHandedOver(), run.uncoveredRaised() + run.overCapacityRaised());
  }

  /** One pass; the tests call it directly. */
  public Run run() {
    modelRoles.refresh();
    assignments.syncAll();
    int adopted = assignments.adoptMemberships();
    int handed = cover.returnTasksOfAbsentMembers();
    return new Run(adopted, handed, automatic.uncoveredRoles(), automatic.overCapacityMembers());
  }

  @Configuration(proxyBeanMethods = false)
  @EnableScheduling
  @ConditionalOnProperty(name = "camunda.bpm.job-execution.enabled", havingValue = "true", matchIfMissing = true)
  static class Schedule {

    private final HolacracyWatch watch;

    Schedule(HolacracyWatch watch) {
      this.watch = watch;
    }

    @Scheduled(initialDelayString = "${cjm.holacracy.watch-interval-ms:60000}",
        fixedDelayString = "${cjm.holacracy.watch-interval-ms:60000}")
    void tick() {
      try {
        watch.run();
      } catch (RuntimeException e) {
        LOG.warn("Holacracy watch failed (next run retries): {}", e.toString());
      }
    }
  }
}
