package org.peermarket.platform;

import java.util.List;
import org.peermarket.ledger.LedgerEntry;

/** Reads a platform's ledger straight from its database (the server need not run; H2 allows one process at a time). */
public final class LedgerAccess {
    private LedgerAccess() {}

    public static List<LedgerEntry> entries(PlatformConfig config) {
        try (Database db = Database.open(config)) {
            return db.jdbi().withHandle(DbLedgerStore::all);
        }
    }
}
