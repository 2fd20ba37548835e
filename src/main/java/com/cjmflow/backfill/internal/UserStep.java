package com.cjmflow.backfill.internal;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * Legacy staff become Camunda users (id = login) in the group of their role; people who left are kept, disabled: no
 * role group and a random password nobody knows (the admin can give them one in Admin). Existing users are left as
 * they are, so a rerun changes nothing and a password set since is kept.
 */
@Component
class UserStep {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identity;

  UserStep(IdentityService identity) {
    this.identity = identity;
  }

  void run(Run run, Map<String, String> roleGroups) {
    Report.Counts counts = run.report.counts("users");
    for (LegacyRow user : run.legacy.table("users")) {
      String login = user.str("login") == null ? "" : user.str("login").trim().toLowerCase(Locale.ROOT);
      if (!login.matches("[a-z0-9]+([._-][a-z0-9]+)*")) {
        run.report.rejected("users", user.id(), "invalid_login", "login '" + user.str("login") + "' is no valid user id");
        continue;
      }
      run.users.put(user.id(), login);
      if (identity.createUserQuery().userId(login).count() > 0) {
        counts.unchanged++;
        continue;
      }
      User created = identity.newUser(login);
      String name = Legacy.text(user.str("full_name"));
      int space = name == null ? -1 : name.indexOf(' ');
      created.setFirstName(name == null ? login : space < 0 ? name : name.substring(0, space));
      created.setLastName(space < 0 ? "" : name.substring(space + 1));
      created.setEmail(Legacy.email(user.str("email")));
      byte[] secret = new byte[24];
      RANDOM.nextBytes(secret);
      created.setPassword(Base64.getUrlEncoder().encodeToString(secret));
      identity.saveUser(created);
      counts.imported++;
      String group = roleGroups.get(user.str("role") == null ? "" : user.str("role").trim().toLowerCase(Locale.ROOT));
      if (!user.flag("active")) {
        run.report.repaired("users", user.id(), "departed_user_disabled",
            login + " has left (active = 0): kept as a user without a role group");
      } else if (group == null) {
        run.report.repaired("users", user.id(), "unknown_role", "role '" + user.str("role") + "' fills no group");
      } else if (identity.createGroupQuery().groupId(group).count() > 0) {
        identity.createMembership(login, group);
      }
    }
  }
}
