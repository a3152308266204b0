"""Debian tools some tests need (chromium, poppler-utils, espeak-ng)."""

import os
import shutil

import pytest


def require_tool(command: str, package: str) -> str:
    """A Debian tool some tests need: skipped with a reason outside CI, a failure in CI
    (where .ci/run installs it)."""
    found = shutil.which(command)
    if found:
        return found
    message = f"{command} is not installed (apt-get install {package})"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: required in CI")
    pytest.skip(message)
