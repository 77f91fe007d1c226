"""The review page as a person sees it: the seed corpus rendered, opened in headless Chromium, toggled.

Skipped only when no Chromium (and its chromedriver) can be found; ``.ci/run`` installs Debian's
``chromium`` and ``chromium-driver`` and the ``browser`` extra (selenium).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, GOLD

from extract.review import ReviewDoc, review_docs, write_page
from extract.scoring import load_gold

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
)
TRANSPARENT = "rgba(0, 0, 0, 0)"


def find_browser() -> tuple[str, str] | None:
    binary = next((path for name in BROWSERS if (path := shutil.which(name))), None)
    driver = shutil.which("chromedriver")
    return (binary, driver) if binary and driver else None


@pytest.fixture(scope="module")
def page_path(tmp_path_factory: pytest.TempPathFactory, extractor: object) -> Path:
    docs = list(review_docs([CORPUS], extractor=extractor, gold=load_gold(GOLD)))
    evil = "<script>window.pwned = 1</script> 抓获<img src=x onerror=\"window.pwned=2\">5名"
    start = evil.index("5名")
    record = {"id": "evil", "lang": "zh", "title": "<script>window.pwned=3</script>", "quantities": [
        {"text": "5名", "start": start, "end": start + 2, "value": 5, "approx": "exact", "unit": "名",
         "kind": "person"}]}
    path = tmp_path_factory.mktemp("review") / "review.html"
    write_page(path, [*docs, ReviewDoc(record, evil)])
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    found = find_browser()
    if found is None:
        pytest.skip("no chromium + chromedriver found (Debian: apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium missing: pip install -e '.[browser]'")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(options=options, service=Service(executable_path=found[1]))
    try:
        yield driver
    finally:
        driver.quit()


def style(driver: object, element: object, prop: str) -> str:
    return driver.execute_script("return getComputedStyle(arguments[0])[arguments[1]];", element, prop)  # type: ignore[attr-defined]


def test_review_page_in_a_real_browser(browser: object, page_path: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    driver = browser
    driver.get(page_path.as_uri())  # type: ignore[attr-defined]
    find_all = driver.find_elements  # type: ignore[attr-defined]
    assert driver.execute_script("return window.pwned") is None  # type: ignore[attr-defined]

    sections = find_all(By.CSS_SELECTOR, "section.doc")
    assert len(sections) == len(list(CORPUS.glob("*.txt"))) + 1
    for layer in ("quantities", "campaigns", "case_types", "entities"):
        assert find_all(By.CSS_SELECTOR, f'input[data-toggle="L-{layer}"]'), layer
        assert find_all(By.CSS_SELECTOR, f".text .hl.L-{layer}"), f"no {layer} highlighted"
    assert find_all(By.CSS_SELECTOR, ".hl.S-miss") and find_all(By.CSS_SELECTOR, ".hl.S-ok")

    quantity = find_all(By.CSS_SELECTOR, ".text .hl.L-quantities.S-ok")[0]
    entity = find_all(By.CSS_SELECTOR, ".text .hl.L-entities")[0]
    assert quantity.is_displayed()
    assert style(driver, quantity, "backgroundColor") != TRANSPARENT
    entity_border = style(driver, entity, "borderBottomColor")
    assert entity_border != TRANSPARENT
    hover = driver.execute_script(  # type: ignore[attr-defined]
        "let e = arguments[0]; while (e.firstElementChild) e = e.firstElementChild; return e.title;", quantity)
    assert " → " in hover and " · " in hover
    row = find_all(By.CSS_SELECTOR, "table.items tr.L-quantities")[0]
    assert row.is_displayed()

    toggle = find_all(By.CSS_SELECTOR, 'input[data-toggle="L-quantities"]')[0]
    toggle.click()
    assert "hide-L-quantities" in driver.find_element(By.TAG_NAME, "body").get_attribute("class")  # type: ignore[attr-defined]
    assert style(driver, quantity, "backgroundColor") == TRANSPARENT
    assert style(driver, quantity, "outlineStyle") == "none"
    assert not row.is_displayed()
    assert style(driver, entity, "borderBottomColor") == entity_border  # other layers untouched
    toggle.click()
    assert style(driver, quantity, "backgroundColor") != TRANSPARENT and row.is_displayed()

    # A kind toggle hides only that kind.
    kind_box = find_all(By.CSS_SELECTOR, f'input[data-toggle="K-{quantity.get_attribute("class").split()[2][2:]}"]')[0]
    kind_box.click()
    assert style(driver, quantity, "backgroundColor") == TRANSPARENT
    kind_box.click()

    # The untrusted article is shown as text, its markup inert.
    evil = sections[-1].find_element(By.CSS_SELECTOR, ".text")
    assert "<script>window.pwned = 1</script>" in evil.text
    assert not evil.find_elements(By.CSS_SELECTOR, "script, img")
    assert driver.execute_script("return window.pwned") is None  # type: ignore[attr-defined]

    shot = tmp_path / "review.png"
    assert driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000
