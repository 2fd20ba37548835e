package com.cjmflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.cjmflow.platform.OwnsTables;

/**
 * One owner per table (STYLE.md): every CRM table of {@code db/migration} is named by exactly one module's
 * {@code @OwnsTables}, and no module's SQL — its Java sources and its {@code src/main/resources/<module>/**.sql} —
 * inserts into, updates, deletes from or merges into a table it does not own.
 */
class TableOwnershipTest {

  private static final Path JAVA = Path.of("src/main/java/com/cjmflow");
  private static final Path RESOURCES = Path.of("src/main/resources");
  private static final Pattern CREATE =
      Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DROP =
      Pattern.compile("drop\\s+table\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern WRITE = Pattern.compile(
      "\\b(?:insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+([a-z_][a-z0-9_]*)", Pattern.CASE_INSENSITIVE);

  @Test
  void everyTableHasExactlyOneOwner() throws IOException {
    Map<String, List<String>> owners = new TreeMap<>();
    crmTables().forEach(table -> owners.put(table, new ArrayList<>()));
    for (String module : modules()) {
      for (String table : owned(module)) {
        assertThat(owners).as("%s owns %s, which is no table of db/migration", module, table).containsKey(table);
        owners.get(table).add(module);
      }
    }
    owners.forEach((table, modules) -> assertThat(modules)
        .as("owners of %s (name exactly one module's @OwnsTables in its package-info.java)", table).hasSize(1));
  }

  @Test
  void modulesWriteOnlyTheirOwnTables() throws IOException {
    Set<String> tables = crmTables();
    List<String> violations = new ArrayList<>();
    for (String module : modules()) {
      Set<String> owned = owned(module);
      for (Path file : sqlOf(module)) {
        Matcher write = WRITE.matcher(withoutComments(file));
        while (write.find()) {
          String table = write.group(1).toLowerCase(Locale.ROOT);
          if (tables.contains(table) && !owned.contains(table)) {
            violations.add(module + " writes " + table + " in " + file + " (\"" + write.group() + "\")");
          }
        }
      }
    }
    assertThat(violations).as("writes to another module's table: use its API or publish an event it handles")
        .isEmpty();
  }

  private static Set<String> crmTables() throws IOException {
    Set<String> tables = new TreeSet<>();
    List<String> migrations;
    try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
      migrations = files.filter(f -> f.toString().endsWith(".sql")).map(TableOwnershipTest::read).toList();
    }
    migrations.forEach(sql -> CREATE.matcher(sql).results()
        .forEach(create -> tables.add(create.group(1).toLowerCase(Locale.ROOT))));
    // a table that a migration drops has no owner any more
    migrations.forEach(sql -> DROP.matcher(sql).results()
        .forEach(drop -> tables.remove(drop.group(1).toLowerCase(Locale.ROOT))));
    assertThat(tables).isNotEmpty();
    return tables;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> modules() throws IOException {
    try (Stream<Path> dirs = Files.list(JAVA)) {
      return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
    }
  }

  private static Set<String> owned(String module) {
    try {
      OwnsTables owns = Class.forName("com.cjmflow." + module + ".package-info").getAnnotation(OwnsTables.class);
      return owns == null ? Set.of() : new TreeSet<>(List.of(owns.value()));
    } catch (ClassNotFoundException noPackageInfo) {
      return Set.of();
    }
  }

  private static List<Path> sqlOf(String module) throws IOException {
    List<Path> files = new ArrayList<>(walk(JAVA.resolve(module), ".java"));
    files.addAll(walk(RESOURCES.resolve(module), ".sql"));
    return files;
  }

  private static List<Path> walk(Path root, String suffix) throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
    }
  }

  /** Comments say what code does in words ("update the order"); only code counts. */
  private static String withoutComments(Path file) throws IOException {
    String text = Files.readString(file);
    return file.toString().endsWith(".sql") ? text.replaceAll("--[^\\n]*", "")
        : text.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//[^\\n]*", "").replaceAll("; //[^\\n]*", ";");
  }
}
