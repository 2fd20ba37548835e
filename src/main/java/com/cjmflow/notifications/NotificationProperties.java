package com.cjmflow.notifications;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cjm.notifications.*}: the sender address and how long a sent or given-up mail is kept ({@code retention},
 * see {@link NotificationRetention}). The language of the mails is the company's ({@code cjm.language},
 * {@code platform.DisplayNames}), so sentences and the names and times in them agree.
 */
@ConfigurationProperties("cjm.notifications")
public record NotificationProperties(@DefaultValue("noreply@cjmflow.example") String from,
    @DefaultValue("P90D") Duration retention) {}
