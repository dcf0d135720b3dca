"""The report as an editor meets it: Debian's Chromium opening the files, offline.

Pages are opened from the file system (``file://``), as the report is meant to be
used; every test also collects what the page loaded and fails on anything that is not
a local file. A screenshot of each page, at desktop and at phone width, is kept in
``build/test-artifacts/report/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from report_helpers import ARTICLE, DROPPED, UNTRANSLATED, Built
from real_components import chromium

DESKTOP, PHONE = (1280, 900), (390, 844)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    with chromium(tmp_path_factory.mktemp("chromium-profile"), "--hide-scrollbars",
                  log_network=True) as driver:
        driver.set_window_size(*DESKTOP)
        yield driver


@pytest.fixture(scope="module")
def artifacts(repo_root: Path) -> Path:
    folder = repo_root / "build" / "test-artifacts" / "report"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _open(browser, page: Path, query: str = "") -> None:
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(page.as_uri() + query)


def _requests(browser) -> list[str]:
    """Every URL the page asked for: the DevTools network log and the resource timings."""
    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    urls += browser.execute_script(
        "return performance.getEntries().map(e => e.name).filter(n => n.includes(':'))")
    return urls


def _assert_offline(browser) -> None:
    urls = _requests(browser)
    assert urls, "the page loaded nothing: the log is not recording"
    foreign = [u for u in urls if not u.startswith(("file:", "data:", "about:"))]
    assert not foreign, foreign


def _screenshot(browser, artifacts: Path, name: str) -> None:
    """Full-page screenshots at desktop and phone width."""
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        browser.set_window_size(width, height)
        full = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(width, min(max(full, height), 12000))
        browser.save_screenshot(str(artifacts / f"{name}.{label}.png"))
    browser.set_window_size(*DESKTOP)


def test_dashboard_shows_each_languages_percentage(planted: Built, browser, artifacts) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "index.html")
    shown = {e.get_attribute("data-lang"): e.text
             for e in browser.find_elements(By.CSS_SELECTOR, "section.language .percent")}
    expected = {lang: f"{stats['percent']:.1f}%" for lang, stats in planted.check["stats"].items()}
    assert shown == expected == {"tr": "97.8%", "ru": "100.0%"}
    verdicts = browser.find_elements(By.CSS_SELECTOR, "section.language .verdict")
    assert all(v.text.startswith("✗ CI fails") for v in verdicts)
    badges = browser.find_elements(By.CSS_SELECTOR, "section.language .badge img")
    assert all(browser.execute_script("return arguments[0].naturalWidth", b) > 50 for b in badges)
    _assert_offline(browser)
    _screenshot(browser, artifacts, "dashboard")


def test_review_page_shows_a_paragraph_in_three_languages_side_by_side(
        planted: Built, browser, artifacts) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "review" / f"{ARTICLE}.html")
    row = browser.find_element(By.ID, "m5")
    cells = row.find_elements(By.CSS_SELECTOR, "td.cell")
    assert [c.get_attribute("data-lang") for c in cells] == ["en", "tr", "ru"]
    assert cells[0].find_element(By.CSS_SELECTOR, ".text").text.startswith("For the second year")
    assert cells[1].find_element(By.CSS_SELECTOR, ".text").text.startswith("Asya-Pasifik ülkeleri")
    assert cells[2].find_element(By.CSS_SELECTOR, ".text").text.startswith("Второй год подряд")
    tops = {c.rect["y"] for c in cells}
    lefts = [c.rect["x"] for c in cells]
    assert len(tops) == 1 and lefts == sorted(lefts) and len(set(lefts)) == 3
    labels = [c.find_element(By.CSS_SELECTOR, "sup.ref").text for c in cells]
    assert labels == ["[i]", "[i]", "[i]"]
    _assert_offline(browser)
    _screenshot(browser, artifacts, "review")


def test_planted_problems_appear_at_their_catalog_line(planted: Built, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "review" / f"{ARTICLE}.html")
    for check, start in (("untranslated", UNTRANSLATED), ("footnote-refs", DROPPED)):
        finding = planted.finding("tr", check)
        row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tr.row")
                   if r.find_element(By.CSS_SELECTOR, "td[data-lang=en] .text").text.startswith(start))
        cell = row.find_element(By.CSS_SELECTOR, "td[data-lang=tr]")
        assert cell.find_element(By.CSS_SELECTOR, ".loc").text == f"{finding['path']}:{finding['line']}"
        assert check in cell.find_element(By.CSS_SELECTOR, ".cell-findings").text
        if check == "footnote-refs":
            mark = row.find_element(By.CSS_SELECTOR, "td[data-lang=en] mark.missing")
            assert mark.text.endswith("[ii]") and "missing in tr" in mark.get_attribute("title")
            assert "missing here: [ii]" in cell.text
        else:
            assert "Untranslated" in cell.find_element(By.CSS_SELECTOR, ".text").text


def test_only_problems_hides_clean_rows_and_keys_move_between_problems(planted: Built, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "review" / f"{ARTICLE}.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "tr.row")
    problems = [r.get_attribute("id") for r in rows if r.get_attribute("data-problems")]
    assert len(rows) == 22 and problems == ["m6", "m7", "m8", "m16"]
    browser.find_element(By.ID, "only-problems").click()
    visible = [r.get_attribute("id") for r in rows if r.is_displayed()]
    assert visible == problems
    body = browser.find_element(By.TAG_NAME, "body")
    body.send_keys("j")
    assert browser.switch_to.active_element.get_attribute("id") == problems[0]
    body.send_keys("j")
    assert browser.switch_to.active_element.get_attribute("id") == problems[1]
    browser.switch_to.active_element.send_keys("k")
    assert browser.switch_to.active_element.get_attribute("id") == problems[0]
    browser.switch_to.active_element.send_keys("p")
    assert all(r.is_displayed() for r in rows)


def test_one_language_pair_and_the_link_from_the_dashboard(planted: Built, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "index.html")
    browser.find_element(By.PARTIAL_LINK_TEXT, "tr: 4 rows to fix").click()
    assert browser.current_url.split("?")[1] == "lang=tr&problems=1"
    rows = [r for r in browser.find_elements(By.CSS_SELECTOR, "tr.row") if r.is_displayed()]
    assert len(rows) == 4
    assert not browser.find_element(By.CSS_SELECTOR, "#m6 td[data-lang=ru]").is_displayed()
    assert browser.find_element(By.CSS_SELECTOR, "#m6 td[data-lang=en]").is_displayed()
    help_button = browser.find_element(By.ID, "help-button")
    help_button.click()
    assert browser.find_element(By.ID, "help").is_displayed()
    assert "next problem" in browser.find_element(By.ID, "help").text


def test_phone_width_stacks_the_languages(planted: Built, browser) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "review" / f"{ARTICLE}.html")
    browser.set_window_size(*PHONE)
    try:
        cells = browser.find_elements(By.CSS_SELECTOR, "#m5 td.cell")
        tops = [c.rect["y"] for c in cells]
        assert tops == sorted(tops) and len(set(tops)) == 3
        width = browser.execute_script("return document.documentElement.scrollWidth")
        assert width <= PHONE[0]
    finally:
        browser.set_window_size(*DESKTOP)


def test_findings_page_lists_every_finding_with_a_link_into_the_review(
        planted: Built, browser, artifacts) -> None:
    from selenium.webdriver.common.by import By

    _open(browser, planted.out / "findings.html")
    items = browser.find_elements(By.CSS_SELECTOR, "li.finding")
    locations = [i.find_element(By.CSS_SELECTOR, ".loc").text for i in items]
    assert sorted(locations) == sorted(f"{f['path']}:{f['line']}" for f in planted.check["findings"])
    _assert_offline(browser)
    _screenshot(browser, artifacts, "findings")
    link = next(i for i in items if "footnote-refs" in i.find_element(By.XPATH, "../../..").get_attribute("id"))
    link.find_element(By.CSS_SELECTOR, "a.to-review").click()
    assert browser.current_url.endswith(f"{ARTICLE}.html#m7-tr")
    _assert_offline(browser)


#: Contrast of every visible text against its effective background (WCAG 2.x formula).
CONTRAST_JS = """
function lum(c) {
  const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map(x => x / 255)
    .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    const alpha = bg.match(/[\\d.]+/g);
    if (alpha && (alpha.length < 4 || Number(alpha[3]) > 0.5)) { return bg; }
  }
  return "rgb(255, 255, 255)";
}
const low = [];
for (const el of document.querySelectorAll("body *")) {
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length || getComputedStyle(el).visibility === "hidden") { continue; }
  if (el.closest("svg, .sr-only")) { continue; }
  const a = lum(getComputedStyle(el).color), b = lum(background(el));
  const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  if (ratio < 4.5) { low.push(el.tagName + "." + el.className + ": " + ratio.toFixed(2)); }
}
return low;
"""


@pytest.mark.parametrize("page", ["index.html", "findings.html", f"review/{ARTICLE}.html"])
def test_text_contrast_reaches_wcag_aa(planted: Built, browser, page: str) -> None:
    _open(browser, planted.out / page)
    assert browser.execute_script(CONTRAST_JS) == []
