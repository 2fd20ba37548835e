package com.cjmflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import com.cjmflow.backfill.DigitalizeCommand;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CjmFlowApplication {

  public static void main(String[] args) {
    if (DigitalizeCommand.requested(args)) {
      // The backfill command (README "Backfill"): no web server, no job executor; exits with the run's status.
      System.exit(SpringApplication.exit(SpringApplication.run(CjmFlowApplication.class,
          DigitalizeCommand.arguments(args))));
    }
    SpringApplication.run(CjmFlowApplication.class, args);
  }
}
