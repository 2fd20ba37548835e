package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.cjmflow.platform.DomainException;


/**
 * A customer's channel map ({@code crm_contact_channels}): at most one primary address per channel type. E-mail
 * addresses are stored lower-case.
 */
@Service
public class CustomerChannels {

  /** {@code channel} is phone, email, whatsapp, telegram, vk or other. */
  public record NewChannel(String channel, String address, boolean primary, boolean consent) {}

  public record Channel(long id, String channel, String address, boolean primary, boolean consent,
      OffsetDateTime createdAt) {}

  static final RowMapper<Channel> ROW = (rs, i) -> new Channel(rs.getLong("id"), rs.getString("channel"),
      rs.getString("address"), rs.getBoolean("is_primary"), rs.getBoolean("consent"),
      rs.getObject("created_at", OffsetDateTime.class));

  private final JdbcTemplate jdbc;
  private final CustomerRows rows;

  CustomerChannels(JdbcTemplate jdbc, CustomerRows rows) {
    this.jdbc = jdbc;
    this.rows = rows;
  }

  /**
   * Adds a channel; a primary one makes the other addresses of its channel type secondary. 404 problem for an
   * unknown customer, 409 problem when the customer has this address on this channel already.
   */
  @Transactional
  public Channel add(long customerId, NewChannel channel) {
    rows.lock(customerId);
    String address = "email".equals(channel.channel()) ? channel.address().trim().toLowerCase(Locale.ROOT)
        : channel.address().trim();
    if (jdbc.queryForObject("""
        select count(*) from crm_contact_channels where customer_id = ? and channel = ? and address = ?""",
        Long.class, customerId, channel.channel(), address) > 0) {
      throw duplicate(channel.channel(), address);
    }
    if (channel.primary()) {
      jdbc.update("update crm_contact_channels set is_primary = false where customer_id = ? and channel = ?",
          customerId, channel.channel());
    }
    var key = new GeneratedKeyHolder();
    try {
      jdbc.update(connection -> {
        var insert = connection.prepareStatement("""
            insert into crm_contact_channels (customer_id, channel, address, is_primary, consent, created_at)
            values (?, ?, ?, ?, ?, ?)""", new String[] {"id"});
        insert.setLong(1, customerId);
        insert.setString(2, channel.channel());
        insert.setString(3, address);
        insert.setBoolean(4, channel.primary());
        insert.setBoolean(5, channel.consent());
        insert.setObject(6, CustomerRows.now());
        return insert;
      }, key);
    } catch (DuplicateKeyException concurrent) {
      throw duplicate(channel.channel(), address);
    }
    return jdbc.queryForObject("select * from crm_contact_channels where id = ?", ROW, key.getKey().longValue());
  }

  /** Ordered by channel type, primary first. */
  public List<Channel> list(long customerId) {
    return jdbc.query("""
        select * from crm_contact_channels where customer_id = ?
        order by channel, case when is_primary then 0 else 1 end, id""", ROW, customerId);
  }

  private static RuntimeException duplicate(String channel, String address) {
    return new DomainException.StateConflict("The customer has " + channel + " " + address + " already");
  }
}
