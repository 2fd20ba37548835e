package com.cjmflow.platform.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * API answers are never stored: the engine REST API sets its own {@code Cache-Control: no-cache}, which Spring
 * Security's header writer then leaves alone; this turns every Cache-Control of an API answer into no-store.
 */
class NoStoreFilter extends OncePerRequestFilter {

  static final String NO_STORE = "no-cache, no-store, max-age=0, must-revalidate";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        super.setHeader(name, HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name) ? NO_STORE : value);
      }

      @Override
      public void addHeader(String name, String value) {
        if (HttpHeaders.CACHE_CONTROL.equalsIgnoreCase(name)) {
          super.setHeader(name, NO_STORE);
        } else {
          super.addHeader(name, value);
        }
      }
    });
  }
}
