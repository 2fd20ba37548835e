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
}
