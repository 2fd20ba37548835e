package com.cjmflow.orderflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import java.util.concurrent.TimeUnit;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cjmflow.OrderCostSupport;

/**
 * History cleanup is configured: every engine history row of an order carries its removal time from the moment it
 * is written (the order's start plus the model's history time to live), the nightly cleanup job is scheduled, and
 * the CRM's own record of the order (its journey) is not engine history.
 */
class HistoryCleanupTest extends OrderCostSupport {

  @Autowired HistoryService history;
  @Autowired RepositoryService repository;
  @Autowired ProcessEngine engine;

  @Test
  void everyHistoryRowOfAnOrderKnowsWhenItGoesAndTheCleanupIsScheduled() {
    Run run = driveOrder("history-cleanup-1");

    var instance = history.createHistoricProcessInstanceQuery().processInstanceId(run.processInstanceId())
        .singleResult();
    Integer days = repository.getProcessDefinition(instance.getProcessDefinitionId()).getHistoryTimeToLive();
    Date removal = new Date(instance.getStartTime().getTime() + TimeUnit.DAYS.toMillis(days));
    assertThat(instance.getRemovalTime()).isEqualTo(removal);
    assertThat(history.createHistoricTaskInstanceQuery().processInstanceId(run.processInstanceId()).list())
        .isNotEmpty().allSatisfy(task -> assertThat(task.getRemovalTime()).isEqualTo(removal));
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(run.processInstanceId()).list())
        .isNotEmpty().allSatisfy(variable -> assertThat(variable.getRemovalTime()).isEqualTo(removal));
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(run.processInstanceId()).list())
        .isNotEmpty().allSatisfy(activity -> assertThat(activity.getRemovalTime()).isEqualTo(removal));

    var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isNotNull();
    assertThat(history.findHistoryCleanupJobs()).as("the cleanup job is scheduled").isNotEmpty();
    assertThat(jdbc.queryForObject("select count(*) from crm_journey_events where order_id = ?", Integer.class,
        run.orderId())).as("the CRM journey is the business record, not engine history").isPositive();
  }

  @Test
  void theEngineWritesNoDetailsAndNoTimerCreationOrDeletionEntries() {
    Run run = driveOrder("history-written-1");
    String pi = run.processInstanceId();

    assertThat(count("select count(*) from ACT_HI_DETAIL where PROC_INST_ID_ = ?", pi))
        .as("no variable update or form field details").isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pi).variableName("russiaCarrier")
        .singleResult().getValue()).as("the variable's value is kept").isEqualTo("CDEK");
    assertThat(count("select count(*) from manager_activity_events where order_id = ? and property = 'decision'"
        + " and after_value like '%CDEK%'", run.orderId())).as("who submitted it, and when").isEqualTo(1);
    assertThat(count("select count(*) from ACT_HI_JOB_LOG where PROCESS_INSTANCE_ID_ = ?", pi))
        .as("twelve stage visits created and deleted their SLA timers without a log entry").isZero();

    // a timer that runs is logged
    String open = read(call("booking", org.springframework.http.HttpMethod.POST, "/api/v1/crm/orders",
        booking("history-written-2", false, false))).get("processInstanceId").asText();
    var timer = engine.getManagementService().createJobQuery().processInstanceId(open).timers().singleResult();
    engine.getManagementService().executeJob(timer.getId());
    assertThat(count("select count(*) from ACT_HI_JOB_LOG where JOB_ID_ = ? and JOB_STATE_ = 2", timer.getId()))
        .as("its success is logged").isEqualTo(1);
    assertThat(history.createHistoricJobLogQuery().processInstanceId(open).creationLog().count()).isZero();
  }

  @Test
  void theHistoryLevelIsStillFullForTheEngineAndTheDatabase() {
    var level = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel();
    assertThat(level.getName()).isEqualTo("full");
    assertThat(level).as("the engine's checks for full history hold").isEqualTo(
        org.camunda.bpm.engine.impl.history.HistoryLevel.HISTORY_LEVEL_FULL);
    assertThat(jdbc.queryForObject("select VALUE_ from ACT_GE_PROPERTY where NAME_ = 'historyLevel'", String.class))
        .isEqualTo(String.valueOf(level.getId()));
    assertThat(level.isHistoryEventProduced(org.camunda.bpm.engine.impl.history.event.HistoryEventTypes.JOB_FAIL,
        null)).as("every other event is produced").isTrue();
  }

  private long count(String sql, Object parameter) {
    return jdbc.queryForObject(sql, Long.class, parameter);
  }
}
