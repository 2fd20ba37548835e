package com.cjmflow.customers;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
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

  /** The columns read into {@link Channel} by name ({@code is_primary} is its {@code primary}). */
  private static final String SELECT = "select id, channel, address, is_primary as \"primary\", consent, created_at";

  private final JdbcClient jdbc;
  private final CustomerRows rows;

  CustomerChannels(JdbcClient jdbc, CustomerRows rows) {
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
    if (jdbc.sql("""
        select count(*) from crm_contact_channels where customer_id = ? and channel = ? and address = ?""")
        .params(customerId, channel.channel(), address).query(Long.class).single() > 0) {
      throw duplicate(channel.channel(), address);
    }
    if (channel.primary()) {
      jdbc.sql("update crm_contact_channels set is_primary = false where customer_id = ? and channel = ?")
          .params(customerId, channel.channel()).update();
    }
    var key = new GeneratedKeyHolder();
    try {
      jdbc.sql("""
          insert into crm_contact_channels (customer_id, channel, address, is_primary, consent, created_at)
          values (?, ?, ?, ?, ?, ?)""")
          .params(customerId, channel.channel(), address, channel.primary(), channel.consent(), CustomerRows.now())
          .update(key, "id");
    } catch (DuplicateKeyException concurrent) {
      throw duplicate(channel.channel(), address);
    }
    return jdbc.sql(SELECT + " from crm_contact_channels where id = ?").param(key.getKey().longValue())
        .query(Channel.class).single();
  }

  /** Ordered by channel type, primary first. */
  public List<Channel> list(long customerId) {
    return jdbc.sql(SELECT + """
         from crm_contact_channels where customer_id = ?
        order by channel, case when is_primary then 0 else 1 end, id""").param(customerId).query(Channel.class).list();
  }

  private static RuntimeException duplicate(String channel, String address) {
    return new DomainException.StateConflict("The customer has " + channel + " " + address + " already");
  }
}
