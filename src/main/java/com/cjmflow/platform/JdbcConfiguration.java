package com.cjmflow.platform;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.MappedQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.ResultQuerySpec;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The service's {@link JdbcClient}: Spring Boot's (over its {@link NamedParameterJdbcTemplate}), except that
 * {@code query(SomeRecord.class)} reads the rows with {@link RecordRowMapper}. Everything else is Spring's.
 */
@Configuration(proxyBeanMethods = false)
class JdbcConfiguration {

  @Bean
  JdbcClient jdbcClient(NamedParameterJdbcTemplate template) {
    return new RecordMappingJdbcClient(JdbcClient.create(template));
  }

  private record RecordMappingJdbcClient(JdbcClient delegate) implements JdbcClient {
    @Override
    public StatementSpec sql(String sql) {
      return new RecordMappingStatement(delegate.sql(sql));
    }
  }

  private record RecordMappingStatement(StatementSpec delegate) implements StatementSpec {

    /** Sets a parameter on Spring's statement; the chain goes on with this one. */
    private StatementSpec with(Consumer<StatementSpec> parameter) {
      parameter.accept(delegate);
      return this;
    }

    @Override
    public <T> MappedQuerySpec<T> query(Class<T> mappedClass) {
      return mappedClass.isRecord() ? delegate.query(RecordRowMapper.of(mappedClass)) : delegate.query(mappedClass);
    }

    @Override
    public StatementSpec param(Object value) {
      return with(spec -> spec.param(value));
    }

    @Override
    public StatementSpec param(int jdbcIndex, Object value) {
      return with(spec -> spec.param(jdbcIndex, value));
    }

    @Override
    public StatementSpec param(int jdbcIndex, Object value, int sqlType) {
      return with(spec -> spec.param(jdbcIndex, value, sqlType));
    }

    @Override
    public StatementSpec param(String name, Object value) {
      return with(spec -> spec.param(name, value));
    }

    @Override
    public StatementSpec param(String name, Object value, int sqlType) {
      return with(spec -> spec.param(name, value, sqlType));
    }

    @Override
    public StatementSpec params(Object... values) {
      return with(spec -> spec.params(values));
    }

    @Override
    public StatementSpec params(List<?> values) {
      return with(spec -> spec.params(values));
    }

    @Override
    public StatementSpec params(Map<String, ?> paramMap) {
      return with(spec -> spec.params(paramMap));
    }

    @Override
    public StatementSpec paramSource(Object namedParamObject) {
      return with(spec -> spec.paramSource(namedParamObject));
    }

    @Override
    public StatementSpec paramSource(SqlParameterSource namedParamSource) {
      return with(spec -> spec.paramSource(namedParamSource));
    }

    @Override
    public ResultQuerySpec query() {
      return delegate.query();
    }

    @Override
    public <T> MappedQuerySpec<T> query(RowMapper<T> rowMapper) {
      return delegate.query(rowMapper);
    }

    @Override
    public void query(RowCallbackHandler rch) {
      delegate.query(rch);
    }

    @Override
    public <T> T query(ResultSetExtractor<T> rse) {
      return delegate.query(rse);
    }

    @Override
    public int update() {
      return delegate.update();
    }

    @Override
    public int update(KeyHolder generatedKeyHolder) {
      return delegate.update(generatedKeyHolder);
    }

    @Override
    public int update(KeyHolder generatedKeyHolder, String... keyColumnNames) {
      return delegate.update(generatedKeyHolder, keyColumnNames);
    }
  }
}
