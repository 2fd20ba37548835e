package com.cjmflow.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code cjm.notifications.*}: the language of the texts and the sender address. */
@ConfigurationProperties("cjm.notifications")
public record NotificationProperties(@DefaultValue("ru") String language,
    @DefaultValue("noreply@cjmflow.example") String from) {}
