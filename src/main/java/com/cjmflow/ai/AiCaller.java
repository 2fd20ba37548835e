package com.cjmflow.ai;

import java.util.List;

import org.springframework.stereotype.Component;

import com.cjmflow.platform.CurrentUser;

/**
 * Who calls an AI service (over REST or MCP) and what they may see: the head of sales and process owners read
 * everyone's actions, a sales manager only their own (as in the control lists).
 */
@Component
public class AiCaller {

  public static final String REST = "rest";
  public static final String MCP = "mcp";
  static final List<String> READ_ALL = List.of("head-of-sales", "process-owners");

  private final CurrentUser currentUser;

  AiCaller(CurrentUser currentUser) {
    this.currentUser = currentUser;
  }

  public String id() {
    return currentUser.id().orElseThrow(() -> new AiNotAllowed("Not authenticated"));
  }

  public List<String> groups() {
    return currentUser.groups();
  }

  public boolean readsAll() {
    return currentUser.groups().stream().anyMatch(READ_ALL::contains);
  }

  /** The manager whose rows the caller asks for: anyone's for the head of sales, else only their own (403). */
  public String visibleManager(String requested) {
    if (readsAll()) {
      return requested == null || requested.isBlank() ? null : requested;
    }
    String self = id();
    if (requested != null && !requested.isBlank() && !requested.equals(self)) {
      throw new AiNotAllowed("A manager sees only their own next best actions");
    }
    return self;
  }
}
