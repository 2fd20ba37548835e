package com.cjmflow.ai.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.cjmflow.events.CloudEvent;
import com.cjmflow.events.EventFeed;

/**
 * The retrieval index of this node, following the event feed. Built on first use from the database (every owner's
 * passages) after noting the feed's head; from then on every feed event about an order or customer re-indexes that
 * owner's passages. A search first reads the feed up to now (so a caller finds what it just wrote), and a timer does
 * the same every {@code cjm.ai.index.poll-interval}, so a change made on any node is searchable within seconds on
 * every node (each node keeps its own in-memory index; nothing is shared but the database).
 */
@Component
public class LiveIndex implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(LiveIndex.class);
  private static final int FEED_PAGE = 500;

  private final PassageSource source;
  private final EventFeed feed;
  private volatile SearchIndex index;
  private long cursor;
  private long builtInMillis;

  LiveIndex(PassageSource source, EventFeed feed) {
    this.source = source;
    this.feed = feed;
  }

  public List<SearchIndex.Hit> search(String text, SearchIndex.Filter filter, SearchIndex.Mode mode, int limit) {
    catchUp();
    return index.search(text, filter, mode, limit);
  }

  /** Builds the index when there is none yet, then applies the feed events since the last call; answers how many. */
  public synchronized int catchUp() {
    if (index == null) {
      build();
      return 0;
    }
    Set<String> owners = new LinkedHashSet<>();
    int read = 0;
    while (true) {
      EventFeed.FeedPage page = feed.after(cursor, null, FEED_PAGE);
      for (CloudEvent event : page.events()) {
        if (event.type().startsWith("crm.ai.")) {
          continue;
        }
        String subject = event.subject();
        if (subject != null && (subject.startsWith("orders/") || subject.startsWith("customers/"))) {
          owners.add(subject);
        }
      }
      read += page.events().size();
      cursor = Long.parseLong(page.next());
      if (page.events().size() < FEED_PAGE) {
        break;
      }
    }
    for (String owner : owners) {
      index.replace(List.of(owner), source.passages(owner));
    }
    return read;
  }

  /** Follows the feed in the background once the index exists (a node nobody asks builds nothing). */
  @Scheduled(fixedDelayString = "${cjm.ai.index.poll-interval:2s}", initialDelayString = "${cjm.ai.index.poll-interval:2s}")
  void follow() {
    if (index != null) {
      try {
        catchUp();
      } catch (RuntimeException e) {
        log.warn("retrieval index could not follow the event feed; retrying", e);
      }
    }
  }

  /** How many passages are indexed, and how long the build took. */
  public synchronized Stats stats() {
    catchUp();
    return new Stats(index.size(), builtInMillis, cursor);
  }

  public record Stats(int passages, long buildMillis, long feedCursor) {}

  private void build() {
    long started = System.nanoTime();
    long head = feed.head();
    SearchIndex built = new SearchIndex();
    List<String> owners = source.owners();
    List<Passage> batch = new ArrayList<>();
    List<String> batchOwners = new ArrayList<>();
    for (String owner : owners) {
      batch.addAll(source.passages(owner));
      batchOwners.add(owner);
      if (batch.size() >= 256) {
        built.replace(batchOwners, batch);
        batch = new ArrayList<>();
        batchOwners = new ArrayList<>();
      }
    }
    built.replace(batchOwners, batch);
    cursor = head;
    index = built;
    builtInMillis = (System.nanoTime() - started) / 1_000_000;
    log.info("retrieval index built: {} passages of {} owners in {} ms", built.size(), owners.size(), builtInMillis);
  }

  @Override
  public void destroy() {
    if (index != null) {
      index.close();
    }
  }
}
