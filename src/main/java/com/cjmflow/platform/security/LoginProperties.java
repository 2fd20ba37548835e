package com.cjmflow.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.security.login.*}: how many failed logins one client address may make within a window; how long a
 * verified login is reused ({@code cache-ttl}, {@code PT0S} turns the cache off) and for how many users at most.
 */
@ConfigurationProperties("cjm.security.login")
public record LoginProperties(@DefaultValue("30") int maxFailuresPerAddress,
    @DefaultValue("PT10M") Duration addressWindow, @DefaultValue("PT5S") Duration cacheTtl,
    @DefaultValue("10000") int cacheSize) {}
