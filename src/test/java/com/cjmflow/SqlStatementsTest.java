package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which statements are the engine's alone: every table they name is an {@code ACT_*} one. */
class SqlStatementsTest {

  @Test
  void aStatementIsTheEnginesWhenEveryTableItNamesIs() {
    assertThat(SqlStatements.engineOnly("insert into ACT_RU_TASK (ID_) values (?)")).isTrue();
    assertThat(SqlStatements.engineOnly("update ACT_HI_TASKINST set END_TIME_ = ? where ID_ = ?")).isTrue();
    assertThat(SqlStatements.engineOnly("delete from ACT_RU_AUTHORIZATION where RESOURCE_ID_ = ?")).isTrue();
    assertThat(SqlStatements.engineOnly("SELECT CASE WHEN EXISTS (SELECT A.ID_ FROM ACT_RU_AUTHORIZATION A "
        + "inner join ACT_ID_MEMBERSHIP M on M.GROUP_ID_ = A.GROUP_ID_) THEN 1 END")).isTrue();
    assertThat(SqlStatements.engineOnly("insert into tasks (task_id) values (?)")).isFalse();
    assertThat(SqlStatements.engineOnly("insert into manager_activity_events (actor_kind) select case when exists "
        + "(select 1 from ACT_ID_MEMBERSHIP m) then 'integration' end")).isFalse();
    assertThat(SqlStatements.engineOnly("select o.id from ACT_RU_TASK t join orders o on o.id = ?")).isFalse();
    assertThat(SqlStatements.engineOnly("select 1")).isFalse();
  }
}
