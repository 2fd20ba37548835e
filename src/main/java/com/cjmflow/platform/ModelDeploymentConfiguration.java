package com.cjmflow.platform;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.Set;

import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultDeploymentConfiguration;
import org.springframework.core.io.AbstractResource;
import org.springframework.core.io.ContextResource;
import org.springframework.core.io.Resource;

/**
 * Deploys processes/, dmn/ and forms/ under their classpath-relative names ("processes/order-flow.bpmn").
 *
 * <p>The starter names a resource by its absolute file path under {@code spring-boot:run} and by its bare file name
 * inside the jar; switching between the two on one database would redeploy every model as a new version.
 */
class ModelDeploymentConfiguration extends DefaultDeploymentConfiguration {

  private static final String[] MODEL_FOLDERS = {"processes/", "dmn/", "forms/"};

  @Override
  public Set<Resource> getDeploymentResources() {
    Set<Resource> named = new LinkedHashSet<>();
    for (Resource resource : super.getDeploymentResources()) {
      named.add(new NamedResource(resource, relativeName(resource)));
    }
    return named;
  }

  static String relativeName(Resource resource) {
    String url;
    try {
      url = resource.getURL().toString();
    } catch (IOException e) {
      return resource.getFilename();
    }
    int best = -1;
    for (String folder : MODEL_FOLDERS) {
      best = Math.max(best, url.lastIndexOf("/" + folder));
    }
    return best < 0 ? resource.getFilename() : url.substring(best + 1);
  }

  /** A resource that tells Spring's auto-deployment the name to deploy it under. */
  private static final class NamedResource extends AbstractResource implements ContextResource {
    private final Resource delegate;
    private final String name;

    NamedResource(Resource delegate, String name) {
      this.delegate = delegate;
      this.name = name;
    }

    @Override
    public String getPathWithinContext() {
      return name;
    }

    @Override
    public String getFilename() {
      return delegate.getFilename();
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return delegate.getInputStream();
    }

    @Override
    public String getDescription() {
      return "model resource [" + name + "]";
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof NamedResource that && that.name.equals(name);
    }

    @Override
    public int hashCode() {
      return name.hashCode();
    }
  }
}
