"""A private clamd for the tests: Debian's clamav-daemon started in the foreground on a
socket of its own, with the only signatures these machines can have — the EICAR test file,
by its MD5 (sigtool --md5) and as a body pattern (found inside another file too)."""

import subprocess
import time
from pathlib import Path

import pytest

from tests.support.tools import require_tool

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


class Clamd:
    def __init__(self, folder: Path):
        self.folder = folder
        self.socket = folder / "clamd.sock"
        self.process = None
        database = folder / "db"
        database.mkdir(exist_ok=True)
        sample = folder / "eicar.com"
        sample.write_bytes(EICAR)
        md5 = subprocess.run(
            [require_tool("sigtool", "clamav"), "--md5", str(sample)],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
        (database / "test.hdb").write_text(md5)
        (database / "test.ndb").write_text(f"Eicar-Test-Body:0:*:{EICAR.hex()}\n")
        (folder / "clamd.conf").write_text(
            f"Foreground yes\nLocalSocket {self.socket}\nDatabaseDirectory {database}\n"
            f"LogFile {folder / 'clamd.log'}\nPidFile {folder / 'clamd.pid'}\n"
        )

    def start(self):
        self.socket.unlink(missing_ok=True)
        self.process = subprocess.Popen(
            [require_tool("clamd", "clamav-daemon"), f"--config-file={self.folder / 'clamd.conf'}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while not self.socket.exists():
            if self.process.poll() is not None or time.monotonic() > deadline:
                log = (self.folder / "clamd.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"clamd did not start: {log}")
            time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.socket.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def clamd_daemon(tmp_path_factory):
    daemon = Clamd(tmp_path_factory.mktemp("clamd"))
    daemon.start()
    yield daemon
    daemon.stop()


@pytest.fixture
def clamd(clamd_daemon, settings):
    """The private clamd, running, as the product's antivirus for this test."""
    if clamd_daemon.process.poll() is not None:
        clamd_daemon.start()
    settings.INSCRINET_CLAMD_ADDRESS = str(clamd_daemon.socket)
    yield clamd_daemon
    if clamd_daemon.process.poll() is not None:  # a test stopped it: back for the next
        clamd_daemon.start()
