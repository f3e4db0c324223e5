"""The progress store's learners: names (any Unicode, never empty, no control characters), stable
ids, the PIN or passphrase hash a served learner is asked for, and the machine's settings and each
learner's preferences. This changes with how learners are identified.
"""

from __future__ import annotations

import uuid

from .errors import StoreError
from .i18n import N_
from .sanitize import has_control
from .store_db import StoreConnection
from .store_schema import Learner, _iso, utcnow

_LEARNER_COLS = "id, name, created, uid"


class LearnerQueries(StoreConnection):
    """Learners, their secrets, settings and preferences (a part of `Store`)."""

    # -- learners ---------------------------------------------------------------------------------

    def learners(self) -> list[Learner]:
        rows = self.db.execute(f"SELECT {_LEARNER_COLS} FROM learners ORDER BY name").fetchall()
        return [Learner(*r) for r in rows]

    def learner(self, name: str) -> Learner | None:
        row = self.db.execute(f"SELECT {_LEARNER_COLS} FROM learners WHERE name = ?", (name,)).fetchone()
        return Learner(*row) if row else None

    def learner_by_uid(self, uid: str) -> Learner | None:
        row = self.db.execute(f"SELECT {_LEARNER_COLS} FROM learners WHERE uid = ?", (uid,)).fetchone()
        return Learner(*row) if row else None

    def ensure_learner(self, name: str, secret_hash: str | None = None) -> Learner:
        """The learner called `name`, created if new (with `secret_hash` when one is given)."""
        name = clean_name(name)
        found = self.learner(name)
        if found:
            return found
        with self.write() as db:
            db.execute(
                "INSERT OR IGNORE INTO learners(name, created, uid, secret) VALUES (?, ?, ?, ?)",
                (name, _iso(utcnow()), uuid.uuid4().hex, secret_hash),
            )
        found = self.learner(name)
        assert found is not None
        return found

    def secret_hash(self, learner: Learner) -> str | None:
        """The stored hash of a learner's PIN or passphrase (None when they have none)."""
        row = self.db.execute("SELECT secret FROM learners WHERE id = ?", (learner.id,)).fetchone()
        return row[0] if row else None

    def set_secret_hash(self, learner: Learner, secret_hash: str | None) -> None:
        with self.write() as db:
            db.execute("UPDATE learners SET secret = ? WHERE id = ?", (secret_hash, learner.id))

    def rename_learner(self, old: str, new: str) -> Learner:
        new = clean_name(new)
        if self.learner(old) is None:
            raise StoreError(N_("no learner called {name!r}"), name=old)
        if self.learner(new) is not None:
            raise StoreError(N_("there is already a learner called {name!r}"), name=new)
        with self.write() as db:
            db.execute("UPDATE learners SET name = ? WHERE name = ?", (new, old))
            if self.get_setting("default_learner") == old:
                db.execute("INSERT OR REPLACE INTO settings VALUES ('default_learner', ?)", (new,))
        found = self.learner(new)
        assert found is not None
        return found

    def delete_learner(self, name: str) -> None:
        if self.learner(name) is None:
            raise StoreError(N_("no learner called {name!r}"), name=name)
        with self.write() as db:
            db.execute("DELETE FROM learners WHERE name = ?", (name,))
            if self.get_setting("default_learner") == name:
                db.execute("DELETE FROM settings WHERE key = 'default_learner'")

    # -- settings and preferences -------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_setting(self, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)", (key, value))

    def prefs(self, learner: Learner) -> dict[str, str]:
        rows = self.db.execute("SELECT key, value FROM prefs WHERE learner_id = ?", (learner.id,))
        return dict(rows.fetchall())

    def set_pref(self, learner: Learner, key: str, value: str) -> None:
        with self.write() as db:
            db.execute("INSERT OR REPLACE INTO prefs VALUES (?, ?, ?)", (learner.id, key, value))


def clean_name(name: str) -> str:
    """A learner name as stored: any Unicode, trimmed; never empty.

    Control characters are refused, not stripped: stripping would make distinct names the same one.
    """
    cleaned = str(name).strip()
    if not cleaned:
        raise StoreError(N_("a learner name cannot be empty"))
    if has_control(cleaned):
        raise StoreError(N_("a learner name cannot contain control characters"))
    if len(cleaned) > 80:
        raise StoreError(N_("a learner name is at most 80 characters"))
    return cleaned
