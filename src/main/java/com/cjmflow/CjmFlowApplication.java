package com.cjmflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CjmFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(CjmFlowApplication.class, args);
  }
}
