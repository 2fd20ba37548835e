package com.cjmflow.dashboard.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import io.swagger.v3.oas.annotations.Hidden;

/** {@code /dashboard}: the page (static/dashboard/index.html) behind the same login as Tasklist. */
@Controller
@Hidden
class DashboardPage {

  @GetMapping({"/dashboard", "/dashboard/"})
  String page() {
    return "forward:/dashboard/index.html";
  }
}
