"""A throw-away PostgreSQL server for the tests: Debian's postgresql binaries, a temporary cluster on loopback."""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries not found: install Debian's postgresql package (make test does)")
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl into a temporary folder; as the postgres user when running as root."""

    def __init__(self):
        self.bin = _bin_dir()
        self.port = _free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="hotline-pg-"))
        self.data = self.dir / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.dir, "postgres", "postgres")
            os.chmod(self.dir, 0o700)
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def start(self) -> PostgresServer:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8", "--locale=C.UTF-8")
        # a streaming standby can be made from it (standby()): WAL for replicas, senders, a replication line
        with open(self.data / "pg_hba.conf", "a", encoding="utf-8") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                f"-c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
                f"-c wal_level=replica -c max_wal_senders=10")
        self.opts = opts
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "60", "start")
        return self

    def pause(self) -> None:
        """Stops the server (its connections break) and keeps its data, until resume()."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")

    def resume(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-o", self.opts, "-l", str(self.dir / "log"), "-w", "-t", "60", "start")

    def restart(self) -> None:
        # -l: without a log file the new server writes to pg_ctl's stdout, a pipe that then never closes
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-l", str(self.dir / "log"), "-w", "-t", "60", "restart")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.dir, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._run("pg_isready", "-h", "127.0.0.1", "-p", str(self.port), check=False).returncode == 0:
                return
            time.sleep(0.1)
        raise RuntimeError("PostgreSQL did not become ready")


    def standby(self) -> StandbyServer:
        """A hot standby streaming from this server (pg_basebackup -R), started on another port; stop() it."""
        return StandbyServer(self).start()


class StandbyServer(PostgresServer):
    """A read replica of `primary`: a base backup with its replication settings (-R), read-only, on its own port."""

    def __init__(self, primary: PostgresServer):
        super().__init__()
        self.primary = primary

    def start(self) -> StandbyServer:
        p = self.primary
        # a standby needs max_connections (and the like) at least the primary's
        self.opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off "
                     f"-c max_connections=200 -c hot_standby=on -c wal_receiver_status_interval=1")
        try:
            self._run("pg_basebackup", "-h", "127.0.0.1", "-p", str(p.port), "-U", p.user, "-D", str(self.data),
                      "-R", "-X", "stream", "-c", "fast")
            self._run("pg_ctl", "-D", str(self.data), "-o", self.opts, "-l", str(self.dir / "log"), "-w", "-t", "60",
                      "start")
        except BaseException:
            self.stop()
            raise
        return self

    def kill(self) -> None:
        """Stops the standby at once, as a crash would (its clients' connections break); resume() restarts it."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "60", "stop")
