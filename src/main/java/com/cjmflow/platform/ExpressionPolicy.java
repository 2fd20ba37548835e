package com.cjmflow.platform;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What model expressions may reach ({@code cjm.expressions}): the Spring beans named in {@code beans}, by name, and
 * the process variables. A model that needs another bean gets it added here in review, with the bean that does the
 * work; a deployment alone never widens it.
 *
 * @param beans the bean names models may use in {@code ${…}} / {@code #{…}}
 */
@ConfigurationProperties("cjm.expressions")
record ExpressionPolicy(List<String> beans) {

  ExpressionPolicy {
    beans = beans == null ? List.of() : List.copyOf(beans);
  }

  Set<String> allowedBeans() {
    return Set.copyOf(beans);
  }
}
