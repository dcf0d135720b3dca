"""The real components the tests use, found once: PostgreSQL and Debian's Chromium.

A test whose component is missing here is skipped, saying how to get it; under CI
(``CI`` set) it fails instead, since CI must run every variant.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from pathlib import Path

import pytest

PG_DSN = os.environ.get("CONCORD_TEST_PG_DSN", "")


def skip_or_fail(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message + " (CI must run it)")
    pytest.skip(message)


@contextmanager
def postgres_schema() -> Iterator[tuple[str, str]]:
    """(DSN, a fresh schema) on the real PostgreSQL server; the schema is dropped after."""
    if not PG_DSN:
        skip_or_fail("PostgreSQL variant: run `source .ci/postgres.sh` to set CONCORD_TEST_PG_DSN")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    try:
        yield PG_DSN, schema
    finally:
        import psycopg

        with psycopg.connect(PG_DSN, autocommit=True) as db:
            db.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def browser_paths() -> tuple[str, str]:
    """Debian's chromium and chromedriver (installed by .ci/system-packages.sh)."""
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        skip_or_fail("Debian's chromium and chromium-driver are not installed "
                     "(.ci/system-packages.sh installs them)")
    return str(chromium), str(driver)


#: Chromium run headless and offline-quiet: no updates, sync or background traffic.
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")


@contextmanager
def chromium(profile: Path, *extra_flags: str, log_network: bool = False) -> Iterator[object]:
    """A Selenium driver of Debian's Chromium with its own profile folder; quit after."""
    chromium_binary, driver_path = browser_paths()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium_binary
    for flag in (*CHROMIUM_FLAGS, *extra_flags, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    if log_network:  # the performance log lists every request the page made
        options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
