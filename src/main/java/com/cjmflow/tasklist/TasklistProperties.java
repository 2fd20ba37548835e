package com.cjmflow.tasklist;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code cjm.tasklist.*}: {@code prefill} names, per task (activity id), the form fields that start with a value an
 * earlier task recorded ({@code Task_BuyOutBike: {buyoutAmountEur: confirmedPriceEur}}).
 */
@ConfigurationProperties("cjm.tasklist")
public record TasklistProperties(Map<String, Map<String, String>> prefill) {

  public TasklistProperties {
    prefill = prefill == null ? Map.of() : Map.copyOf(prefill);
  }
}
