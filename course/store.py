"""The progress store: one SQLite database per data folder, shared by every learner on the machine.

Every confirmed answer is committed (WAL, synchronous=FULL) before the call returns, so it survives a
crash or kill -9. Several processes may write at once: SQLite's busy timeout and a retry around each
write transaction keep every write. The schema is versioned with ordered, recorded migrations; a
database from a newer ssc-learn is refused. A file that is not SQLite or fails `PRAGMA quick_check`
is refused with a clear error and left in place for `ssc-learn doctor`, which moves a store aside only
when it is really damaged, and copies every row it can still read into the backup it restores.

A new store is built and migrated under a temporary name and linked into place whole, so a kill
during the very first open never leaves an empty or half-made store behind.

This module is the store's one entrance: `Store` and every public name are imported from here. The
code lives in modules split by why it changes, and they are the only ones that speak SQL:

  store_schema.py    row types and migrations (the data model)
  store_db.py        the file and connection: create whole, migrate, transactions, daily backup
  store_faults.py    SQLite and file-system errors told apart as one StoreError
  store_learners.py  learners, PIN hashes, settings, preferences
  store_progress.py  answers, reads, positions, review cards, imports
  store_live.py      live workshop rounds
  store_repair.py    doctor: move a damaged store aside, restore a backup, salvage its rows
"""

from __future__ import annotations

from .store_db import (
    BACKUP_DIR,
    DB_NAME,
    KEEP_BACKUPS,
    is_sqlite_file,
)
from .store_faults import (
    SQLITE_FULL,
    disk_is_full,
    primary_code,
)
from .store_learners import LearnerQueries, clean_name
from .store_live import LiveQueries
from .store_progress import ProgressQueries
from .store_repair import backups, doctor
from .store_schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    Attempt,
    Learner,
    Position,
    ReviewCard,
    attempt_uid,
    utcnow,
)

# The public names, wherever they are defined: callers import them from here.
__all__ = [
    "BACKUP_DIR",
    "DB_NAME",
    "KEEP_BACKUPS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLITE_FULL",
    "Attempt",
    "Learner",
    "Position",
    "ReviewCard",
    "Store",
    "attempt_uid",
    "backups",
    "clean_name",
    "disk_is_full",
    "doctor",
    "is_sqlite_file",
    "primary_code",
    "utcnow",
]


class Store(LearnerQueries, ProgressQueries, LiveQueries):
    """The progress database. Open with `Store.open(data_dir)`; close when done.

    One class for callers, assembled from the parts that change for different reasons: the file and
    its transactions (StoreConnection, store_db.py), learners (store_learners.py), their progress
    (store_progress.py) and live rounds (store_live.py).
    """
