"""The editions as a reader meets them: Debian's Chromium, pages served over HTTP."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from concord.project import load_project
from concord.publish.editions import build_editions
from real_components import chromium

ARTICLE = "articles/europe-us-asia-pacific.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, repo_root: Path) -> Iterator[str]:
    out = tmp_path_factory.mktemp("site") / "html"
    assert all(r.ok for r in build_editions(load_project(repo_root), None, out))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


def test_switcher_takes_the_reader_to_the_same_article(site: str, browser) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/ru/{ARTICLE}")
    assert browser.execute_script("return document.documentElement.lang") == "ru"
    browser.find_element(By.CSS_SELECTOR, "nav.concord-editions a[hreflang=tr]").click()
    assert browser.current_url == f"{site}/tr/{ARTICLE}"
    assert browser.execute_script("return document.documentElement.lang") == "tr"
    heading = browser.find_element(By.TAG_NAME, "h1").text
    assert "Asya-Pasifik" in heading
    browser.find_element(By.CSS_SELECTOR, "nav.concord-editions a[hreflang=en]").click()
    assert browser.current_url == f"{site}/en/{ARTICLE}"


@pytest.mark.parametrize("lang", ["en", "tr", "ru"])
def test_footnote_reference_and_backlink_work_in_the_browser(site: str, browser, lang: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/{lang}/{ARTICLE}")
    refs = browser.find_elements(By.CSS_SELECTOR, "a.footnote-reference")
    assert [r.text.strip("[]") for r in refs][:1] == ["i"] and len(refs) == 8
    third = refs[2]
    ref_id = third.get_attribute("id")
    browser.execute_script("arguments[0].click()", third)
    note_id = browser.execute_script("return location.hash.slice(1)")
    note = browser.find_element(By.ID, note_id)
    assert "footnote" in note.get_attribute("class")
    assert note.find_element(By.CSS_SELECTOR, ".label").text.strip("[]") == "iii"
    from selenium.webdriver.support.ui import WebDriverWait

    script = "const r = arguments[0].getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight;"
    # the theme scrolls smoothly: wait for the scroll to land on the note
    WebDriverWait(browser, 10).until(lambda d: d.execute_script(script, note))
    back = note.find_element(By.CSS_SELECTOR, "a[role=doc-backlink]")
    browser.execute_script("arguments[0].click()", back)
    assert browser.execute_script("return location.hash.slice(1)") == ref_id
