"""Cross-language check: releases and their translations paired, their statistics aligned, disagreements flagged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT
from test_browser import FLAGS, find_browser
from typer.testing import CliRunner

from cli import app
from extract import Article, Extractor
from extract.crosscheck import PAIR_SHARE, align, find_pairs, render_html, scale_ratio, share

HELDOUT = ROOT / "tests" / "heldout"
HELDOUT2 = ROOT / "tests" / "heldout2"

# A release of our own and two English versions of it: a faithful one and one with a 万 slip.
ZH = ("2023年，广东省公安机关共侦破电信网络诈骗案件1.2万起，抓获犯罪嫌疑人2.3万名，冻结涉案资金5.6亿元，"
      "关停违法账号3.4万个。")
EN = ("In 2023, public security organs in Guangdong Province cracked 12,000 telecom fraud cases, arrested "
      "23,000 suspects, froze 560 million yuan of funds and shut down 34,000 illegal accounts.")
EN_SLIP = EN.replace("12,000 telecom", "1,200 telecom")
OTHER_ZH = "2023年，山西省公安机关共侦破涉网刑事案件2494起，抓获犯罪嫌疑人2693名，打掉团伙35个。"


def record(ex: Extractor, doc_id: str, text: str, lang: str) -> dict:
    return ex.process(Article(id=doc_id, text=text, lang=lang, published="2024-01-15")).model_dump(mode="json")


@pytest.fixture(scope="module")
def own(extractor: Extractor) -> dict[str, dict]:
    return {
        "zh": record(extractor, "gd-zh", ZH, "zh"),
        "en": record(extractor, "gd-en", EN, "en"),
        "slip": record(extractor, "gd-en-slip", EN_SLIP, "en"),
        "other": record(extractor, "sx-zh", OTHER_ZH, "zh"),
    }


def test_a_faithful_translation_matches_every_figure(own: dict[str, dict]) -> None:
    rows = align(own["zh"], own["en"])
    assert [r.status for r in rows] == ["match"] * 4, [r.line() for r in rows]
    assert share(own["zh"], own["en"]) == 1.0


def test_a_scale_slip_is_flagged_with_both_spans(own: dict[str, dict]) -> None:
    (slip,) = [r for r in align(own["zh"], own["slip"]) if r.status == "disagreement"]
    assert slip.metric == "cases_solved" and slip.scale_error and slip.ratio == 10
    assert (slip.a.text, slip.a.value) == ("1.2万起", 12000)
    assert slip.b.text.startswith("1,200") and slip.b.value == 1200
    assert ZH[slip.a.start : slip.a.end] == slip.a.text and EN_SLIP[slip.b.start : slip.b.end] == slip.b.text


def test_automatic_pairing_finds_the_translation_and_nothing_else(own: dict[str, dict]) -> None:
    pairs = find_pairs([own["other"], own["en"], own["zh"]])
    assert [(p.a, p.b) for p in pairs] == [("gd-zh", "gd-en")]
    assert share(own["other"], own["en"]) < PAIR_SHARE


def test_explicit_pairs_come_first(own: dict[str, dict]) -> None:
    pairs = find_pairs([own["zh"], own["en"], own["other"]], explicit=[("sx-zh", "gd-en")])
    assert [(p.a, p.b, p.explicit) for p in pairs] == [("sx-zh", "gd-en", True)]
    assert not any(r.status == "match" for r in pairs[0].alignments)


def test_scale_ratio() -> None:
    assert scale_ratio(210000, 21000) == (10.0, True)
    assert scale_ratio(1e8, 1e4) == (1e4, True)  # 亿 read as 万
    assert scale_ratio(2300, 2000)[1] is False
    assert scale_ratio(0, 5) == (None, False)


@pytest.fixture(scope="module")
def all_records(corpus_records: list[dict], extractor: Extractor) -> list[dict]:
    from extract.readers import iter_articles
    from extract.runner import extract_all

    more = extract_all(iter_articles([HELDOUT, HELDOUT2]), extractor)
    return corpus_records + [r.model_dump(mode="json") for r in more]


def test_development_pair_000_002(all_records: list[dict]) -> None:
    pairs = find_pairs(all_records)
    # 000 and its English rendering 002 are the only two versions of one release in the three sets
    assert [(p.a[:3], p.b[:3]) for p in pairs] == [("000", "002")]
    (check,) = pairs
    (bad,) = check.disagreements
    assert (bad.metric, bad.a.text, bad.a.value, bad.b.value, bad.scale_error) == (
        "accounts_closed", "21万余个", 210000, 21000, True)
    assert bad.b.text.startswith("more than 21,000")
    matched = [x for x in check.alignments if x.status == "match"]
    assert len(matched) >= 9 and {x.a.text for x in matched} >= {"8.3万起", "2300余起", "35人", "57人", "472人"}


def test_crosscheck_command_and_page(tmp_path: Path, corpus_records: list[dict]) -> None:
    out = tmp_path / "c.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in corpus_records), encoding="utf-8")
    page = tmp_path / "cc.html"
    result = CliRunner().invoke(app, ["crosscheck", str(out), "--html", str(page), "--texts", str(CORPUS)])
    assert result.exit_code == 0, result.output
    assert "21万余个" in result.stdout and "likely scale error" in result.stdout
    html = page.read_text(encoding="utf-8")
    assert html.count('class="st disagreement" id=') == 2  # one span in each text
    as_json = CliRunner().invoke(app, ["crosscheck", str(out), "--json"])
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert {r["status"] for r in rows} >= {"match", "disagreement"}
    bad = CliRunner().invoke(app, ["crosscheck", str(out), "--html", str(page)])
    assert bad.exit_code == 2 and "--texts" in bad.output


def test_page_escapes_the_texts(own: dict[str, dict]) -> None:
    checks = find_pairs([own["zh"], own["en"]])
    html = render_html(checks, {"gd-zh": "<script>x</script>" + ZH, "gd-en": EN}, {"gd-zh": "zh", "gd-en": "en"})
    assert "<script>x</script>" not in html and "&lt;script&gt;" in html


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


def test_clicking_a_figure_lights_its_counterpart(browser: object, tmp_path: Path, corpus_records: list[dict]) -> None:
    from selenium.webdriver.common.by import By

    texts = {p.stem: p.read_text(encoding="utf-8-sig") for p in CORPUS.glob("*.txt")}
    checks = find_pairs(corpus_records)
    page = tmp_path / "cc.html"
    page.write_text(render_html(checks, texts, {r["id"]: r["lang"] for r in corpus_records}), encoding="utf-8")
    driver = browser
    driver.get(page.as_uri())  # type: ignore[attr-defined]
    spans = driver.find_elements(By.CSS_SELECTOR, ".text .st.disagreement")  # type: ignore[attr-defined]
    assert len(spans) == 2 and spans[0].text == "21万余个"
    spans[0].click()
    lit = driver.find_elements(By.CSS_SELECTOR, ".text .st.on")  # type: ignore[attr-defined]
    assert sorted(s.text for s in lit) == sorted(["21万余个", spans[1].text])
    assert spans[1].text.startswith("more than 21,000")
    shot = tmp_path / "crosscheck.png"
    assert driver.save_screenshot(str(shot))  # type: ignore[attr-defined]
    assert shot.stat().st_size > 10_000


def test_the_facts_of_a_pair_are_counted_once(own: dict[str, dict]) -> None:
    import extract

    story_zh = record(Extractor(), "st-zh", "近日，杭州市公安局萧山区分局破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名。", "zh")
    story_en = record(Extractor(), "st-en",
                      "Recently, police in Xiaoshan District cracked a case of infringing citizens' personal "
                      "information and arrested four suspects.", "en")
    rows = extract.facts([own["zh"], own["en"], story_zh, story_en], explicit=[("st-zh", "st-en")])
    both = [r for r in rows if r.n_sources == 2]
    assert {r.sources for r in both} == {"gd-zh;gd-en", "st-zh;st-en"}
    assert len(rows) == 5  # four figures of the Guangdong release, one of the story: each once
    alone = extract.facts([own["zh"], own["en"], story_zh, story_en], pairs=False)
    assert len(alone) == 6  # without pairing the two one-case figures stay two busts


def test_translation_of_in_the_input_pairs_the_records(tmp_path: Path) -> None:
    """A JSONL row's ``translation_of`` reaches its record and pairs it, however little the figures agree."""
    rows = [
        {"id": "sx-zh", "text": OTHER_ZH, "published": "2024-01-15"},
        {"id": "gd-en", "text": EN, "published": "2024-01-15", "translation_of": "sx-zh"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["run", str(src), "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("translation_of") for r in records] == [None, "sx-zh"]
    assert "translation_of" not in records[0]  # written only when the input gives it
    assert [(p.a, p.b, p.explicit) for p in find_pairs(records)] == [("sx-zh", "gd-en", True)]
