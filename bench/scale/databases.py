"""The benchmark's databases: one per backend and size, made, filled and dropped here.

Each is migrated and filled by the app's own commands in a subprocess (``flask db upgrade``,
``seed-demo`` and ``search-reindex`` for the demo, ``generate-world`` for N cases), so the
progress bar shows and the measuring process stays small.
"""

import os
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from bench.scale.server import ROOT
from tracker.planner import note_empty_tables

FLASK = Path(sys.executable).with_name("flask")


class BenchDatabase:
    """A database of ``backend`` ("sqlite" or "postgresql") holding ``cases`` (0: demo)."""

    def __init__(self, backend, cases, settings, workdir):
        """Name it; nothing is created yet."""
        self.backend = backend
        self.cases = cases
        self.settings = settings
        self.workdir = Path(workdir)
        self.label = f"{backend} {'demo' if not cases else f'{cases:,}'}"
        self.name = f"bench_scale_{uuid.uuid4().hex[:10]}"
        if backend == "sqlite":
            self.path = self.workdir / f"{self.name}.db"
            self.url = f"sqlite:///{self.path}"
        else:
            server = make_url(settings.postgres_url)
            self.url = server.set(database=self.name).render_as_string(hide_password=False)
        self.env = {
            "DATABASE_URL": self.url,
            "TRACKER_ENV": "production",
            "SECRET_KEY": uuid.uuid4().hex,
            "REPORT_CACHE_DIR": str(self.workdir / f"{self.name}-reports"),
            "UPLOAD_FOLDER": str(self.workdir / f"{self.name}-uploads"),
            "FLASK_APP": "tracker",
        }
        self.timings = {}

    def flask(self, *args, quiet=False):
        """Run ``flask ARGS`` on this database; returns the seconds it took."""
        started = time.perf_counter()
        subprocess.run(  # noqa: S603  # our own flask command, fixed arguments
            [str(FLASK), *args],
            cwd=ROOT,
            env={**os.environ, **self.env},
            check=True,
            stdout=subprocess.DEVNULL if quiet else None,
        )
        return time.perf_counter() - started

    def _admin(self):
        """An AUTOCOMMIT engine on the PostgreSQL server's maintenance database."""
        server = make_url(self.settings.postgres_url).set(drivername="postgresql+psycopg")
        return create_engine(server, isolation_level="AUTOCOMMIT")

    def create(self):
        """Create, migrate and fill the database; ANALYZE SQLite (after keeping a copy)."""
        if self.backend == "postgresql":
            engine = self._admin()
            with engine.connect() as connection:
                connection.execute(text(f'CREATE DATABASE "{self.name}"'))
            engine.dispose()
        self.flask("db", "upgrade")
        if self.cases:
            seconds = self.flask(
                "generate-world", "--cases", str(self.cases), "--seed", str(self.settings.seed)
            )
            self.timings["generate"] = seconds
        else:
            self.flask("seed-demo")
            self.flask("search-reindex")
        if self.backend == "sqlite":
            self.never_analyzed = None
            if self.cases == self.settings.cases and self.settings.never_analyzed:
                self.never_analyzed = self.workdir / f"{self.name}-never-analyzed.db"
                self.copy_to(self.never_analyzed)
                forget_statistics(self.never_analyzed)
            # The app's refresh (``tracker.planner``) without its sample limit: every row
            # counted, and each empty table noted as empty.
            engine = create_engine(f"sqlite:///{self.path}")
            with engine.begin() as connection:
                connection.execute(text("ANALYZE"))
                note_empty_tables(connection)
            engine.dispose()
        else:
            engine = create_engine(make_url(self.url).set(drivername="postgresql+psycopg"))
            with engine.connect() as connection:
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM ANALYZE")
                )
            engine.dispose()
        return self

    def copy_to(self, path):
        """Copy the SQLite database, as it is, to ``path`` (SQLite's backup API)."""
        with sqlite3.connect(self.path) as source, sqlite3.connect(path) as target:
            source.backup(target)

    def drop(self):
        """Remove the database."""
        if self.backend == "postgresql":
            engine = self._admin()
            with engine.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
            engine.dispose()
        else:
            for path in self.workdir.glob(f"{self.name}*"):
                if path.is_file():
                    path.unlink()


def forget_statistics(path):
    """Drop a SQLite file's planner statistics: the database as if ``ANALYZE`` never ran.

    ``generate-world`` refreshes them after its bulk write, as an import does; the benchmark's
    never-analysed copy stands for a database that nothing refreshed.
    """
    with sqlite3.connect(path) as connection:
        for table in ("sqlite_stat1", "sqlite_stat4"):
            connection.execute(f"DROP TABLE IF EXISTS {table}")  # nosec B608: fixed names
