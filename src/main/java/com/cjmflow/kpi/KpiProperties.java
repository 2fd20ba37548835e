package com.cjmflow.kpi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code cjm.kpi.*}: how many recent days a recompute without a range covers. */
@ConfigurationProperties("cjm.kpi")
public record KpiProperties(@DefaultValue("35") int horizonDays) {}
