package com.cjmflow.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * How late do timers fire with our job-executor settings? Starts 300 instances whose timers fall due over 30 s of
 * real time, lets the job executor (running, as in production) fire them, and prints lateness percentiles: the
 * timer event's end time minus its due date. Not part of ./mvnw verify; see README "Benchmarks".
 */
@Tag("benchmark")
@SpringBootTest(properties = {"cjm.demo-data.enabled=false", "cjm.notifications.dispatcher.enabled=false"})
class TimerPunctualityBenchmark {

  private static final int TIMERS = 300;

  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;

  @Test
  void timersFireCloseToTheirDueDate() throws InterruptedException {
    repository.createDeployment().name("timer benchmark").addModelInstance("timer-benchmark.bpmn",
        Bpmn.createExecutableProcess("timer-benchmark").camundaHistoryTimeToLive(1)
            .startEvent("StartEvent_Started")
            .intermediateCatchEvent("Event_Due").timerWithDate("${due}")
            .endEvent("EndEvent_Fired").done()).deploy();

    Instant first = Instant.now().plusSeconds(5);
    List<String> instances = new ArrayList<>();
    for (int i = 0; i < TIMERS; i++) {
      Date due = Date.from(first.plusMillis(i * 100L));
      instances.add(runtime.startProcessInstanceByKey("timer-benchmark",
          java.util.Map.of("due", due)).getId());
    }

    Instant deadline = first.plusSeconds(30 + 90);
    while (history.createHistoricProcessInstanceQuery().processDefinitionKey("timer-benchmark").finished().count()
        < TIMERS && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }

    List<Long> lateMillis = new ArrayList<>();
    for (HistoricActivityInstance fired : history.createHistoricActivityInstanceQuery().activityId("Event_Due")
        .finished().list()) {
      Date due = (Date) history.createHistoricVariableInstanceQuery().processInstanceId(fired.getProcessInstanceId())
          .variableName("due").singleResult().getValue();
      lateMillis.add(Duration.between(due.toInstant(), fired.getEndTime().toInstant()).toMillis());
    }
    lateMillis.sort(Long::compare);
    System.out.printf("%nTIMER PUNCTUALITY: %d of %d timers fired; lateness p50 %d ms, p90 %d ms, p99 %d ms, max %d ms%n%n",
        lateMillis.size(), TIMERS, percentile(lateMillis, 50), percentile(lateMillis, 90), percentile(lateMillis, 99),
        lateMillis.isEmpty() ? -1 : lateMillis.get(lateMillis.size() - 1));
  }

  private static long percentile(List<Long> sorted, int p) {
    return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }
}
