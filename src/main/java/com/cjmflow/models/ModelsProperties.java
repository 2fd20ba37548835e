package com.cjmflow.models;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The workbench's settings. {@code cjm.models.auto-migrate}: after a new version of a process is deployed (from the
 * Modeler or at start-up), move its running instances to it when the plan holds for every one of them (off by
 * default: the process owner migrates from the dry run).
 */
@ConfigurationProperties("cjm.models")
public record ModelsProperties(boolean autoMigrate) {}
