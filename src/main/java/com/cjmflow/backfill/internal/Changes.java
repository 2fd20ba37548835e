package com.cjmflow.backfill.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * What a step made of the pending rows of one legacy table: records to insert for rows no run imported, and records
 * to write over the rows they became for rows that changed in the source since.
 */
final class Changes<T> {

  private final List<T> created = new ArrayList<>();
  private final List<LegacyRow> createdFrom = new ArrayList<>();
  private final List<T> changed = new ArrayList<>();
  private final List<Long> changedIds = new ArrayList<>();
  private final List<LegacyRow> changedFrom = new ArrayList<>();

  void add(LinkStore.Pending pending, T record) {
    if (pending.isNew()) {
      created.add(record);
      createdFrom.add(pending.row());
    } else {
      changed.add(record);
      changedIds.add(pending.targetId());
      changedFrom.add(pending.row());
    }
  }

  /** Inserts the new records and updates the changed ones through the owning module; returns the new ids. */
  List<Long> save(Run run, String table, LinkStore links, Function<List<T>, List<Long>> insert,
      BiConsumer<List<Long>, List<T>> update) {
    List<Long> ids = insert.apply(created);
    links.imported(run, table, createdFrom, ids);
    update.accept(changedIds, changed);
    links.updated(run, table, changedFrom);
    return ids;
  }

  List<LegacyRow> createdFrom() {
    return createdFrom;
  }
}
