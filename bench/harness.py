"""What the benchmarks share: printing, percentiles, a database of their own on the
PostgreSQL server of DATABASE_URL (or a temporary SQLite file), and gunicorn serving it.

The scripts run as `python bench/<name>.py`, so this directory is on sys.path and they
`import harness`."""

import math
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/postgres"
POSTGRES_SCHEMES = {"postgres", "postgresql", "pgsql", "psql"}


def say(message: str = "") -> None:
    print(message, flush=True)


def load() -> str:
    """The machine's load average: other work on it shows in the figures."""
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


class BenchDatabase:
    """A database of the benchmark's own: on the PostgreSQL server of DATABASE_URL, or with
    sqlite=True a file in a temporary directory. KVINNOFRID_BENCH_KEEP_DB=1 keeps it."""

    def __init__(self, *, prefix: str, script: str, sqlite: bool = False):
        self.sqlite = sqlite
        self.name = f"{prefix}_{os.getpid()}"
        if sqlite:
            self.directory = tempfile.mkdtemp(prefix=f"{prefix}-")
            self.url = f"sqlite:///{self.directory}/{self.name}.sqlite3"
            self.maintenance = None
            return
        url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in POSTGRES_SCHEMES:
            sys.exit(
                f"This benchmark measures PostgreSQL, and DATABASE_URL is {parts.scheme}:…\n"
                f"Set DATABASE_URL to a PostgreSQL server, e.g.\n"
                f"  DATABASE_URL={DEFAULT_DATABASE_URL} .venv/bin/python {script}\n"
                "(it creates and drops a database of its own there)."
            )
        self.maintenance = parts._replace(scheme="postgresql").geturl()
        self.url = parts._replace(path=f"/{self.name}").geturl()

    def create(self) -> None:
        if self.sqlite:
            return
        import psycopg

        with psycopg.connect(self.maintenance, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> str:
        if os.environ.get("KVINNOFRID_BENCH_KEEP_DB"):
            where = self.url if self.sqlite else self.name
            return f"Kept database {where} (KVINNOFRID_BENCH_KEEP_DB); drop it when done"
        if self.sqlite:
            shutil.rmtree(self.directory, ignore_errors=True)
        else:
            import psycopg

            with psycopg.connect(self.maintenance, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        return f"Dropped database {self.name}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# No proxy from the environment between us and localhost.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, str]:
    with OPENER.open(url, timeout=300) as response:
        return response.status, response.read().decode()


class Server:
    """gunicorn serving config.wsgi against the benchmark's database."""

    def __init__(
        self, *, database_url: str, settings: str, workers: int, log_dir: str, threads: int = 1
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.concurrency = workers * threads
        self.describe = f"{workers} workers x {threads} threads, {settings}"
        self.log_path = Path(log_dir) / f"gunicorn-{self.port}.log"
        env = dict(os.environ)
        env.update(
            DATABASE_URL=database_url,
            DJANGO_SETTINGS_MODULE=settings,
            ALLOWED_HOSTS="127.0.0.1,localhost",
            LOG_LEVEL="WARNING",
            PYTHONUNBUFFERED="1",
        )
        command = [
            *(sys.executable, "-m", "gunicorn", "config.wsgi"),
            *("--bind", f"127.0.0.1:{self.port}", "--workers", str(workers)),
            *("--threads", str(threads), "--timeout", "300"),
        ]
        self.log = open(self.log_path, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def wait_ready(self, path: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            try:
                status, _ = fetch(self.base + path)
                if status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn not ready:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        self.log.flush()
        return self.log_path.read_text()[-chars:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
