package com.cjmflow;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.server.ResponseStatusException;

import com.cjmflow.platform.ApiProblems;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * Module boundaries (STYLE.md): every direct sub-package of {@code com.cjmflow} is a module whose top-level package
 * is its API; {@code platform} is open. No cycles, no use of another module's internals. The module map in
 * {@code docs/modules/} is written by this test.
 */
class ModularityTests {

  private static final Path DOCS = Path.of("docs/modules");

  static final ApplicationModules MODULES = ApplicationModules.of(CjmFlowApplication.class);

  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.cjmflow");

  /** The engine's extension points: they are engine code by nature and may use its internals. */
  private static final DescribedPredicate<JavaClass> ENGINE_EXTENSIONS = assignableTo(ProcessEnginePlugin.class)
      .or(assignableTo(BpmnParseListener.class)).or(assignableTo(HistoryEventHandler.class))
      .or(assignableTo(Deployer.class)).or(assignableTo(CommandInterceptor.class))
      .as("engine plugins, parse listeners, history handlers, deployers and command interceptors");

  /** The modules that may reach Camunda (each through its own facade); the rest are plain CRM code. */
  private static final String[] ENGINE_AWARE = {"com.cjmflow.platform..", "com.cjmflow.stage..",
      "com.cjmflow.sla..", "com.cjmflow.orderflow..", "com.cjmflow.touchpoints..", "com.cjmflow.activity..",
      "com.cjmflow.followups..", "com.cjmflow.kpi..", "com.cjmflow.models..", "com.cjmflow.holacracy..",
      "com.cjmflow.operations..", "com.cjmflow.ai..", "com.cjmflow.cases..", "com.cjmflow.dashboard..",
      "com.cjmflow.backfill..", "com.cjmflow.tasklist..", "com.cjmflow.payments..", "com.cjmflow.shipments.."};

  @Test
  void modulesRespectTheirBoundaries() {
    MODULES.verify();
  }

  /** Engine internals ({@code org.camunda.bpm.engine.impl}) only in engine extensions and {@code platform}. */
  @Test
  void engineInternalsOnlyInEngineExtensionsAndPlatform() {
    noClasses().that(not(resideInAPackage("com.cjmflow.platform..")).and(not(ENGINE_EXTENSIONS)))
        .should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
        .because("modules reach the engine through its public API or a platform helper (PRODUCT.md: engine behind "
            + "facades)")
        .check(MAIN);
  }

  /** Engine behind facades: web layers and plain CRM modules never touch Camunda classes. */
  @Test
  void onlyFacadesAndPlatformUseTheEngine() {
    noClasses().that(resideInAPackage("com.cjmflow..web..").or(not(resideInAnyPackage(ENGINE_AWARE)))
            .and(not(resideInAPackage("com.cjmflow"))))
        .should().dependOnClassesThat().resideInAPackage("org.camunda..")
        .check(MAIN);
  }

  /** The module map (C4 PlantUML per module and for all, plus a canvas per module), in a stable line order. */
  /** Services raise domain exceptions ({@code platform.DomainException}); only the web edge speaks HTTP problems. */
  @Test
  void onlyTheWebEdgeThrowsHttpProblems() {
    noClasses().that(not(resideInAnyPackage("com.cjmflow..web..", "com.cjmflow.platform..")))
        .should().dependOnClassesThat().belongToAnyOf(ErrorResponseException.class, ResponseStatusException.class,
            ApiProblems.class)
        .check(MAIN);
  }

  @Test
  void writesTheModuleMap() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".puml")).toList()) {
        Files.write(file, stableOrder(Files.readAllLines(file)));
      }
    }
    assertThat(DOCS.resolve("components.puml")).exists();
  }

  /** The documenter lists components and relations in hash order: sort each run of them, so the diff is quiet. */
  private static List<String> stableOrder(List<String> lines) {
    List<String> result = new ArrayList<>();
    List<String> run = new ArrayList<>();
    String kind = null;
    for (String line : lines) {
      String lineKind = line.startsWith("Rel(") ? "rel" : line.trim().startsWith("Component(") ? "component" : null;
      if (lineKind == null || !lineKind.equals(kind)) {
        run.sort(null);
        result.addAll(run);
        run.clear();
      }
      kind = lineKind;
      (lineKind == null ? result : run).add(line);
    }
    run.sort(null);
    result.addAll(run);
    return result;
  }
}
