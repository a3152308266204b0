"""The README's two commands set the machine up: `make demo` and `make test` run
scripts/system-packages.sh, which installs the missing Debian packages as root and
otherwise prints the exact command."""

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "system-packages.sh"


def run_without(tmp_path, purpose, present=()):
    """The script on a PATH that has bash and the basics, and only `present` of the tools."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "id", *present):
        (bin_dir / tool).symlink_to(f"/usr/bin/{tool}" if tool in ("bash", "id") else "/bin/true")
    env = {"PATH": str(bin_dir), "INSCRINET_NO_APT": "1"}
    return subprocess.run(
        ["/usr/bin/bash", SCRIPT, purpose], env=env, capture_output=True, text=True, check=True
    ).stdout


def test_a_machine_without_espeak_is_told_the_exact_command(tmp_path):
    out = run_without(tmp_path, "demo")
    assert "sudo apt-get install -y espeak-ng file libmagic1 clamav-daemon clamav" in out
    assert "chromium" not in out  # the demo needs no browser


def test_the_tests_ask_for_chromium_poppler_and_espeak(tmp_path):
    out = run_without(tmp_path, "test", present=("chromium", "file", "clamd", "sigtool"))
    assert "sudo apt-get install -y espeak-ng poppler-utils" in out


def test_nothing_to_do_when_everything_is_there(tmp_path):
    present = ("espeak-ng", "file", "clamd", "sigtool", "chromium", "pdftotext")
    assert run_without(tmp_path, "test", present=present) == ""


def test_make_demo_and_make_test_run_it():
    for target in ("demo", "test"):
        dry = subprocess.run(
            ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, env=os.environ
        ).stdout
        assert f"./scripts/system-packages.sh {target}" in dry
