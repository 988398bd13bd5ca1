"""The persistent analysis cache: one SQLite file shared by every notebook and process.

Two tables, both write-once (``INSERT OR IGNORE``: a row, once written, never changes):

* ``readings(namespace, form, readings)`` — zeyrek's readings of one word form as JSON
  (:func:`toolkit.morphology.readings_to_json`). ``namespace`` is
  :func:`toolkit.morphology.readings_namespace`: zeyrek's version, the toolkit's morphology
  version and a hash of zeyrek's lexicon, so an upgrade never serves stale readings.
* ``documents(key, tokens)`` — the finished token columns of one article, as Arrow IPC
  record batches without their (fixed) schema (bytes, ≈60 per token plus ≈1 kB per 50,000
  tokens; see :mod:`toolkit.analysis`). ``key`` is a sha256 over the article's content
  and everything its tokens depend on (analysis, morphology and lemma-model versions,
  overrides), so a changed article, model or override is simply a miss.

A third table, ``meta``, holds the schema version and short notes (:meth:`AnalysisCache.put_note`):
the word forms compiling a lexicon asked zeyrek for, so the next process compiling it reads
their readings here instead of building the analyzer (:mod:`toolkit.lexicon`).

Where: ``$TOOLKIT_CACHE_DIR/analysis.sqlite``, else the user cache directory
(``platformdirs.user_cache_dir("toolkit")``). Delete the file to empty the cache.

Safety: WAL journal (readers never wait for a writer), a 60 s busy timeout and short
transactions, so two processes may read and write at once. No pickle: nothing read from the
file is ever executed. A file that is not a readable SQLite database (garbage bytes, a
truncated write) is moved aside to ``analysis.sqlite.corrupt`` with a warning and the cache
starts empty; an error while reading or writing later is treated the same way, so a
damaged cache costs time, never a crash.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import warnings
from collections.abc import Iterable, Mapping
from pathlib import Path

from toolkit.errors import CacheWarning

FILENAME = "analysis.sqlite"
SCHEMA_VERSION = "1"
_BATCH = 500  # keys per SELECT … IN (…): below SQLite's host-parameter limit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS readings (
    namespace TEXT NOT NULL, form TEXT NOT NULL, readings TEXT NOT NULL,
    PRIMARY KEY (namespace, form)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, tokens BLOB NOT NULL) WITHOUT ROWID;
"""


def default_cache_dir() -> Path:
    """``$TOOLKIT_CACHE_DIR`` if set, else ``platformdirs.user_cache_dir("toolkit")``."""
    env = os.environ.get("TOOLKIT_CACHE_DIR")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("toolkit"))


class AnalysisCache:
    """Readings per word form and token columns per document, in one SQLite file.

    ``location`` is a directory (the file is ``analysis.sqlite`` in it) or a ``.sqlite`` file;
    None means :func:`default_cache_dir`. One object may be shared by threads.
    """

    def __init__(self, location: str | os.PathLike | None = None) -> None:
        path = Path(location) if location is not None else default_cache_dir()
        self.path = path if path.suffix == ".sqlite" else path / FILENAME
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._open()

    def __repr__(self) -> str:
        return f"AnalysisCache({str(self.path)!r})"

    def _open(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._conn = self._connect()
        except sqlite3.DatabaseError as e:
            self._set_aside(e)
            self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("PRAGMA busy_timeout = 60000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.executescript(_SCHEMA)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            (schema,) = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            if schema != SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"schema {schema}, expected {SCHEMA_VERSION}")
        except BaseException:
            conn.close()
            raise
        return conn

    def _set_aside(self, error: Exception) -> None:
        """Move an unreadable cache file (and its WAL) aside so a fresh one can be made."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        aside = self.path.with_name(self.path.name + ".corrupt")
        for suffix in ("", "-wal", "-shm"):
            src = Path(str(self.path) + suffix)
            if src.exists():
                os.replace(src, Path(str(aside) + suffix))
        warnings.warn(
            f"{self.path}: the analysis cache was unreadable ({error}); it was moved to {aside.name} "
            "and a new, empty cache is being built.",
            CacheWarning,
            stacklevel=3,
        )

    def _run(self, work, default):
        """Run ``work(conn)``; on a damaged database set the file aside, reopen and return ``default``."""
        with self._lock:
            try:
                return work(self._conn)
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    warnings.warn(f"{self.path}: the cache stayed busy ({e}); continuing without it.", CacheWarning, stacklevel=3)
                    return default
                self._set_aside(e)
            except sqlite3.DatabaseError as e:
                self._set_aside(e)
            self._conn = self._connect()
            return default

    def _get(self, sql: str, first: tuple, keys: list[str]) -> dict:
        def work(conn: sqlite3.Connection) -> dict:
            found = {}
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i:i + _BATCH]
                marks = ",".join("?" * len(chunk))
                found.update(conn.execute(sql.format(marks=marks), (*first, *chunk)).fetchall())
            return found

        return self._run(work, {}) if keys else {}

    def _put(self, sql: str, rows: list[tuple]) -> None:
        def work(conn: sqlite3.Connection) -> None:
            for i in range(0, len(rows), 5000):  # short transactions: others wait at most one batch
                conn.execute("BEGIN IMMEDIATE")
                try:
                    conn.executemany(sql, rows[i:i + 5000])
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise

        if rows:
            self._run(work, None)

    def get_readings(self, namespace: str, forms: Iterable[str]) -> dict[str, str]:
        """``{form: readings JSON}`` for the forms already cached under ``namespace``."""
        return self._get(
            "SELECT form, readings FROM readings WHERE namespace = ? AND form IN ({marks})", (namespace,), list(forms)
        )

    def put_readings(self, namespace: str, readings: Mapping[str, str]) -> None:
        """Store ``{form: readings JSON}``; forms already present are left as they are."""
        self._put("INSERT OR IGNORE INTO readings VALUES (?, ?, ?)", [(namespace, f, r) for f, r in readings.items()])

    def get_note(self, key: str) -> str | None:
        """The text kept under ``key`` by :meth:`put_note`, or None."""
        return self._get("SELECT key, value FROM meta WHERE key IN ({marks})", (), [f"note {key}"]).get(f"note {key}")

    def put_note(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` (in the ``meta`` table); a key already present is left as it is."""
        self._put("INSERT OR IGNORE INTO meta VALUES (?, ?)", [(f"note {key}", value)])

    def get_documents(self, keys: Iterable[str]) -> dict[str, bytes]:
        """``{key: token columns (Arrow IPC bytes)}`` for the keys already cached."""
        return self._get("SELECT key, tokens FROM documents WHERE key IN ({marks})", (), list(keys))

    def cached_documents(self, keys: Iterable[str]) -> set[str]:
        """The keys among ``keys`` whose token columns are cached (without reading them)."""
        return set(self._get("SELECT key, 1 FROM documents WHERE key IN ({marks})", (), list(set(keys))))

    def put_documents(self, documents: Mapping[str, bytes]) -> None:
        """Store ``{key: token columns}``; keys already present are left as they are."""
        self._put("INSERT OR IGNORE INTO documents VALUES (?, ?)", list(documents.items()))

    def stats(self) -> dict[str, int]:
        """Row counts: ``{"readings": …, "documents": …}``."""
        def work(conn: sqlite3.Connection) -> dict[str, int]:
            return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("readings", "documents")}

        return self._run(work, {"readings": 0, "documents": 0})

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


_opened: dict[Path, AnalysisCache] = {}


def open_cache(cache: bool | str | os.PathLike | AnalysisCache | None) -> AnalysisCache | None:
    """The cache ``analyze(cache=…)`` asks for: True → the default location, False/None → none,
    a path → that directory or ``.sqlite`` file, an :class:`AnalysisCache` → itself.

    One connection per file per process is kept open and reused.
    """
    if isinstance(cache, AnalysisCache):
        return cache
    if cache is None or cache is False:
        return None
    location = default_cache_dir() if cache is True else Path(cache)
    key = location.resolve() if location.exists() else location.absolute()
    store = _opened.get(key)
    if store is None or store._conn is None or not (store.path.exists()):
        store = _opened[key] = AnalysisCache(location)
    return store
