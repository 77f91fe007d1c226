"""The merged catalogues and the ``extract catalogue`` command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from cli import app
from extract import catalogue


def test_campaigns_merge_zh_and_en() -> None:
    rows = {r["name"]: r for r in catalogue.campaigns()}
    assert rows["净网"]["issuer"] == "公安部"
    assert "Clean Network" in rows["净网"]["aliases_en"]
    assert 2023 in rows["净网"]["years"]
    assert "夏季行动" in rows["夏季治安打击整治行动"]["aliases_zh"]
    assert rows["夏季治安打击整治行动"]["label_en"] == "Summer Action"
    assert all(r["kind"] in ("code", "descriptive") for r in rows.values())


def test_case_types_cover_charges_and_categories() -> None:
    rows = {r["canonical"]: r for r in catalogue.case_types()}
    assert len([r for r in rows.values() if r["kind"] == "charge"]) >= 480
    assert rows["电信网络诈骗"]["kind"] == "category"
    assert "电诈" in rows["电信网络诈骗"]["aliases_zh"]
    assert rows["侵犯公民个人信息"]["label_en"] == "infringing citizens' personal information"
    assert "水军" in rows["网络水军"]["context_only_zh"]


def test_cli_lists_catalogues() -> None:
    runner = CliRunner()
    out = runner.invoke(app, ["catalogue", "campaigns"])
    assert out.exit_code == 0
    assert "净网" in out.output and "Clean Net" in out.output
    out = runner.invoke(app, ["catalogue", "case-types", "--json"])
    assert out.exit_code == 0
    rows = json.loads(out.output)
    assert any(r["canonical"] == "帮助信息网络犯罪活动" and "帮信" in r["aliases_zh"] for r in rows)
    assert runner.invoke(app, ["catalogue", "nonsense"]).exit_code == 2


def test_catalogue_lists_names_not_patterns_and_explains_its_marks() -> None:
    import json as _json
    import re as _re

    from extract import catalogue as _cat

    rows = _json.loads(_cat.format_json("campaigns"))
    for r in rows:
        for name in r["aliases_en"]:
            assert not _re.search(r"[\\()\[\]?*+|]", name), (r["name"], name)
    jingwang = next(r for r in rows if r["name"] == "净网")
    assert jingwang["aliases_en"][0] == "Clean Network" and jingwang["aliases_en"][-1] == "Net Net"
    assert any(r["patterns_en"] for r in rows)
    text = _cat.format_text("case-types")
    assert "(" in text and text.splitlines()[0].startswith("#") and "in parentheses" in text.splitlines()[0]
