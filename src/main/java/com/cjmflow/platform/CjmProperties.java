package com.cjmflow.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.*} settings of the installation: the public URL that links in mails point to, and this node's id in a
 * cluster (empty: host and process id).
 */
@ConfigurationProperties("cjm")
public record CjmProperties(@DefaultValue("http://localhost:8080") String publicUrl, String nodeId) {

  public String nodeIdOr(String fallback) {
    return nodeId == null || nodeId.isBlank() ? fallback : nodeId;
  }
}
