package com.cjmflow.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/** §3: the default H2 database is embedded only: no AUTO_SERVER, so no TCP listener and no server key on disk. */
class EmbeddedDatabaseTest {

  @Test
  void theDefaultDatasourceOpensNoNetworkListener(@TempDir Path dir) throws Exception {
    String url = defaultUrl();
    assertThat(url).startsWith("jdbc:h2:file:").doesNotContainIgnoringCase("AUTO_SERVER")
        .doesNotContainIgnoringCase("tcp:").doesNotContainIgnoringCase("AUTO_RECONNECT");

    String here = url.replace("./data/cjmflow", dir.resolve("cjmflow").toString());
    try (Connection connection = DriverManager.getConnection(here, "sa", "")) {
      Path lock = dir.resolve("cjmflow.lock.db");
      if (Files.exists(lock)) {
        Properties written = new Properties();
        try (InputStream in = Files.newInputStream(lock)) {
          written.load(in);
        }
        assertThat(written).as("an AUTO_SERVER writes its address and key here").doesNotContainKey("server");
      }
      try (var rs = connection.createStatement().executeQuery(
          "select setting_value from information_schema.settings where setting_name = 'AUTO_SERVER'")) {
        if (rs.next()) {
          assertThat(rs.getString(1)).isNotEqualToIgnoringCase("TRUE");
        }
      }
    }
  }

  private static String defaultUrl() throws IOException {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new ClassPathResource("application.yaml"));
    return yaml.getObject().getProperty("spring.datasource.url");
  }
}
