package com.cjmflow.events;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in the JSON format. {@code sequence} is the CloudEvents sequence extension: the event's
 * position in the pull feed (the cursor to resume after it); absent until the event is sequenced.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(String specversion, String id, String source, String type, String subject,
    OffsetDateTime time, String datacontenttype, JsonNode data, String sequence) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";
}
