package com.cjmflow.housekeeping;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.housekeeping.*}: how many rows one delete takes ({@code batch-size}, each batch its own short
 * transaction). When it runs is {@code cjm.housekeeping.cron} ({@link HousekeepingScheduling}).
 */
@ConfigurationProperties("cjm.housekeeping")
public record HousekeepingProperties(@DefaultValue("1000") int batchSize) {

  public HousekeepingProperties {
    if (batchSize < 1) {
      throw new IllegalArgumentException("cjm.housekeeping.batch-size must be at least 1: " + batchSize);
    }
  }
}
