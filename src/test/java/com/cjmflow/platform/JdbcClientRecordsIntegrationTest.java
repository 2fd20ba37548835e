package com.cjmflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cjmflow.ApiTestSupport;

/** Every module's {@link JdbcClient} is the service's: records read by {@link RecordRowMapper}, the rest Spring's. */
class JdbcClientRecordsIntegrationTest extends ApiTestSupport {

  @Autowired JdbcClient jdbcClient;

  record Row(long orderId, String stageName, OffsetDateTime enteredAt) {}

  @Test
  void theServicesJdbcClientReadsRecordsByColumnMetadata() {
    assertThat(jdbcClient.getClass().getEnclosingClass()).isEqualTo(JdbcConfiguration.class);
    Row row = jdbcClient.sql("select cast(:id as bigint) as order_id, 'booked' as stageName, "
        + "cast(null as timestamp with time zone) as entered_at").param("id", 42).query(Row.class).single();
    assertThat(row).isEqualTo(new Row(42, "booked", null));
    assertThat(jdbcClient.sql("select count(*) from orders where id = :id").param("id", -1).query(Long.class).single())
        .isZero();
  }
}
