package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The README's role table is {@code security/roles.yaml}, generated: this test fails (and prints it) when they differ. */
class RoleTableTest {

  static final String BEGIN = "<!-- role table: generated from src/main/resources/security/roles.yaml -->";
  static final String END = "<!-- end of role table -->";

  @Test
  void readmeShowsTheDeclaration() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    String table = markdown(RoleDeclaration.load());
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    assertThat(begin).as("README has the markers").isNotNegative();
    if (Boolean.getBoolean("roles.table.update")) { // ./mvnw test -Dtest=RoleTableTest -Droles.table.update=true
      readme = readme.substring(0, begin + BEGIN.length()) + "\n" + table + "\n" + readme.substring(end);
      Files.writeString(Path.of("README.md"), readme);
      end = readme.indexOf(END);
    }
    assertThat(readme.substring(begin + BEGIN.length(), end).strip())
        .as("README role table; regenerate it:%n%s", table).isEqualTo(table);
  }

  static String markdown(RoleDeclaration declaration) {
    List<String> groups = declaration.accessNames();
    StringBuilder md = new StringBuilder();
    md.append("| role (group) | tasks it sees | webapps | engine authorizations |\n| --- | --- | --- | --- |\n");
    for (String group : groups) {
      RoleDeclaration.Role role = declaration.access(group);
      boolean template = declaration.templates().containsKey(group);
      String tasks = switch (role.tasks()) {
        case ALL -> "all";
        case CANDIDATE -> "its candidate groups' and its own";
        case NONE -> "none";
      };
      String engine = role.admin() ? "ALL on every resource type"
          : role.engine().stream().map(g -> g.resource().resourceName() + " `" + g.resourceId() + "`: "
              + String.join(", ", g.permissions())).collect(Collectors.joining("; "));
      md.append("| ").append(role.name()).append(template ? " (template `" : " (`").append(group).append("`) | ").append(tasks).append(" | ")
          .append(role.webapps().isEmpty() ? "—" : String.join(", ", role.webapps())).append(" | ").append(engine)
          .append(" |\n");
    }
    md.append("\n| endpoint |");
    groups.forEach(g -> md.append(" ").append(g).append(" |"));
    md.append("\n| --- |");
    groups.forEach(g -> md.append(" :-: |"));
    md.append("\n");
    for (RoleDeclaration.Endpoint endpoint : declaration.endpoints()) {
      md.append("| `").append(endpoint.call()).append("` |");
      for (String group : groups) {
        md.append(endpoint.allows(group) ? " ✓ |" : endpoint.own().contains(group) ? " own |" : " |");
      }
      md.append("\n");
    }
    return md.toString().strip();
  }
}
