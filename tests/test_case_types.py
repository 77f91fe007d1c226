"""Case-type recognition: the charge catalogue, data examples, own sentences (variants, abbreviations,
frames, English, false positives)."""

from __future__ import annotations

import pytest

from extract import patterns
from extract.case_types import recognise, zh_aliases
from extract.normalize import normalize


def found(lang: str, text: str) -> list[tuple[str, str]]:
    """(text as written, canonical) of every case type in ``text``."""
    return [(text[c.start : c.end], c.canonical) for c in recognise(lang, normalize(text))]


def test_charge_catalogue_is_complete() -> None:
    data = patterns.load("zh", "case_types")
    charges = data["charges"]
    assert len(charges) >= 480 and len(set(charges)) == len(charges)
    assert not any(c.endswith("罪") for c in charges)
    # Amendment XI and XII charges are there
    for charge in ("袭警", "高空抛物", "催收非法债务", "妨害安全驾驶", "组织参与国（境）外赌博", "帮助信息网络犯罪活动"):
        assert charge in charges
    assert set(data["weak_charges"]) <= set(charges)


def test_every_charge_is_recognised_in_a_frame() -> None:
    info = zh_aliases()
    for charge in patterns.load("zh", "case_types")["charges"]:
        assert info[normalize(charge)][0] == charge
        assert (charge, charge) in found("zh", f"其行为涉嫌{charge}罪。"), charge


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_data_examples(lang: str) -> None:
    examples = [ex for e in patterns.load(lang, "case_types").get("case_type", []) for ex in e.get("examples", [])]
    assert len(examples) >= 4
    for entry in patterns.load(lang, "case_types")["case_type"]:
        for sentence, text in entry.get("examples", []):
            assert (text, entry["canonical"]) in found(lang, sentence), sentence


ZH = [
    ("犯罪嫌疑人涉嫌帮助信息网络犯罪活动罪被刑事拘留。", [("帮助信息网络犯罪活动", "帮助信息网络犯罪活动")]),
    ("打掉帮信团伙12个。", [("帮信", "帮助信息网络犯罪活动")]),
    ("严厉打击电诈、侵公等犯罪。", [("电诈", "电信网络诈骗"), ("侵公", "侵犯公民个人信息")]),
    ("破获一起非法利用信息网络案。", [("非法利用信息网络", "非法利用信息网络")]),
    ("其行为涉嫌开设赌场罪。", [("开设赌场", "开设赌场")]),
    ("该团伙涉嫌组织参与国（境）外赌博罪。", [("组织参与国（境）外赌博", "组织参与国（境）外赌博")]),
    ("李某因涉嫌非法获取人脸数据罪被刑拘。", [("非法获取人脸数据", "非法获取人脸数据")]),
    ("打击黑客犯罪。", [("黑客", "黑客攻击")]),
    ("网上谣言、诽谤层出不穷。", [("谣言", "网络谣言"), ("诽谤", "诽谤")]),
    ("查处网络赌博、网络色情案件。", [("网络赌博", "网络赌博"), ("网络色情", "色情")]),
    ("打掉网络水军团伙3个。", [("网络水军", "网络水军")]),
    ("坚决严惩网暴行为。", [("网暴", "网络暴力")]),
    ("破获一起跨境赌博案。", [("跨境赌博", "跨境赌博")]),
    ("破获一起特大电信网络诈骗案。", [("电信网络诈骗", "电信网络诈骗")]),
    ("破获侵害公民个人信息案件5起。", [("侵害公民个人信息", "侵犯公民个人信息")]),
    ("抓获倒卖个人信息犯罪嫌疑人3名。", [("倒卖个人信息", "侵犯公民个人信息")]),
    ("依法以寻衅滋事罪提起公诉。", [("寻衅滋事", "寻衅滋事")]),
    ("涉嫌爆炸罪。", [("爆炸", "爆炸")]),
    ("严打“套路贷”犯罪。", [("套路贷", "套路贷")]),
    ("破獲電信詐騙案件3起。", [("電信詐騙", "电信网络诈骗")]),
    ("他因非法获取计算机信息系统数据、非法控制计算机信息系统罪获刑。",
     [("非法获取计算机信息系统数据、非法控制计算机信息系统", "非法获取计算机信息系统数据、非法控制计算机信息系统")]),
    ("以偷税罪论处。", [("偷税", "逃税")]),
    ("多名嫌疑人因贩毒被抓。", [("贩毒", "走私、贩卖、运输、制造毒品")]),
    ("网络黑产链条被斩断，黑灰产业受到重创。", [("网络黑产", "网络黑灰产"), ("黑灰产业", "网络黑灰产")]),
    # false positives: umbrella words, ordinary words, narrative conduct
    ("依法打击网络犯罪和涉网违法犯罪。", []),
    ("提升网络违法犯罪打击效能。", []),
    ("抓获黑客3名，收缴黑客工具一批。", []),
    ("他被指在网上散布谣言。", []),
    ("以暴力手段阻碍执法。", []),
    ("有人利用网络传播淫秽色情信息。", []),
    ("他在网上倒卖个人信息获利。", []),
    ("仓库发生爆炸，无人伤亡。", []),
    ("网络安全法专项研讨会在京召开。", []),
    ("银行加强反洗钱工作。", []),
]

EN = [
    ("Police cracked down on telecom fraud and online gambling.", [("telecom fraud", "电信网络诈骗"), ("online gambling", "网络赌博")]),
    ("The suspects were charged with money laundering.", [("money laundering", "洗钱")]),
    ("A water army was hired to post fake reviews.", [("water army", "网络水军")]),
    ("He was suspected of hacking into a server.", [("hacking", "黑客攻击")]),
    ("cases of cyberbullying and doxxing", [("cyberbullying", "网络暴力"), ("doxxing", "人肉搜索")]),
    ("extortion and blackmail", [("extortion", "敲诈勒索"), ("blackmail", "敲诈勒索")]),
    ("a pension scam targeting the elderly", [("pension scam", "养老诈骗")]),
    ("crimes of infringing on citizens' personal information", [("crimes of infringing on citizens' personal information", "侵犯公民个人信息")]),
    ("black and grey industry chains", [("black and grey industry chains", "网络黑灰产")]),
    ("Online rumours and violence", [("Online rumours", "网络谣言"), ("violence", "网络暴力")]),
    # false positives
    ("Cybercrime is rising; network-related crimes and cyber crimes too.", []),
    ("Police in Beijing arrested 20 hackers.", []),
    ("Rumors spread quickly after the storm.", []),
    ("violence against women is condemned", []),
    ("The anti-fraud center blocked 300 calls.", []),
]


@pytest.mark.parametrize(("sentence", "expected"), ZH)
def test_zh(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found("zh", sentence) == expected


@pytest.mark.parametrize(("sentence", "expected"), EN)
def test_en(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert found("en", sentence) == expected


def test_types_inside_campaign_names_are_listed() -> None:
    assert found("zh", "开展网络谣言打击整治专项行动和家装行业侵公大会战。") == [
        ("网络谣言", "网络谣言"),
        ("侵公", "侵犯公民个人信息"),
    ]


def test_linear_on_adversarial_input() -> None:
    import time

    text = "涉嫌" * 40000 + "谣言、" * 40000 + "诈骗" * 40000
    t0 = time.perf_counter()
    recognise("zh", text)
    assert time.perf_counter() - t0 < 3
