package com.cjmflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class CjmFlowApplication {

  public static void main(String[] args) {
    SpringApplication.run(CjmFlowApplication.class, args);
  }
}
