"""Headless Chromium from Debian's packages, driven by Playwright: nothing downloads a browser.

``install-system-deps browser`` installs ``/usr/bin/chromium``; Playwright (a dev dependency) only
speaks to it. Where either is missing the browser tests are skipped on a developer's machine and
fail on CI (``CI`` set), like the office tests.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: The flags every launch uses: headless, no sandbox (containers run as root), nothing from the network.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run")


def chromium_path() -> str:
    """The system Chromium, or skip (fail on CI) with how to get it."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    message = ""
    if found is None:
        message = "chromium not installed (`scripts/install-system-deps browser` installs it)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            message = "playwright not installed (pip install -e '.[dev]')"
    if message:
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    assert found is not None
    return found


@contextmanager
def chromium() -> Iterator[Browser]:
    """One headless Chromium for a test module."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=path, args=list(FLAGS), headless=True)
        try:
            yield browser
        finally:
            browser.close()
