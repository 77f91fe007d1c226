"""Chinese NER: names, agencies, places and dates in sentences written for these tests (not the corpus)."""

from __future__ import annotations

import pytest

from extract import Extractor
from extract.patterns import load


def ents(extractor: Extractor, text: str) -> set[tuple[str, str]]:
    return {(e.text, e.label) for e in extractor.extract(text, lang="zh").entities}


FOUND: list[tuple[str, list[tuple[str, str]]]] = [
    # people after roles and titles
    ("广州市公安局天河分局民警陈志强介绍，该案涉案金额达300万元。", [("陈志强", "PERSON"), ("广州市公安局天河分局", "ORG")]),
    ("浙江省公安厅网安总队副总队长刘晓东表示，案件已告破。", [("刘晓东", "PERSON"), ("浙江省公安厅网安总队", "ORG")]),
    ("副局长孙萍说，全国公安机关开展专项行动。", [("孙萍", "PERSON")]),
    ("政委张敏、副支队长张枭克出席发布会。", [("张敏", "PERSON"), ("张枭克", "PERSON")]),
    ("民警王海涛说，此类案件多发。", [("王海涛", "PERSON")]),
    ("本报记者 刘亚楠 通讯员 王晓", [("刘亚楠", "PERSON"), ("王晓", "PERSON")]),
    ("“我们将持续加大打击力度。”李伟说。", [("李伟", "PERSON")]),
    ("“打击不能停。”欧阳明辉表示。", [("欧阳明辉", "PERSON")]),
    ("市局新闻发言人李向东表示，将依法严惩。", [("李向东", "PERSON")]),
    # anonymised names
    ("犯罪嫌疑人赵某军、钱某、孙某华均已被刑事拘留。", [("赵某军", "PERSON"), ("钱某", "PERSON"), ("孙某华", "PERSON")]),
    ("被告人黄某明犯帮助信息网络犯罪活动罪。", [("黄某明", "PERSON")]),
    ("辖区居民刘某疑似遭遇电信诈骗。", [("刘某", "PERSON")]),
    ("嫌疑人王某家中搜出手机20部。", [("王某", "PERSON")]),
    # agencies, courts, bodies
    ("据杭州市余杭区人民法院通报，案件已审结。", [("杭州市余杭区人民法院", "ORG")]),
    ("深圳市南山区人民检察院对其提起公诉。", [("深圳市南山区人民检察院", "ORG")]),
    ("河南省郑州市中级人民法院二审维持原判。", [("河南省郑州市中级人民法院", "ORG")]),
    ("最高人民检察院、公安部联合发布典型案例。", [("最高人民检察院", "ORG"), ("公安部", "ORG")]),
    ("公安部刑事侦查局相关负责人介绍了情况。", [("公安部刑事侦查局", "ORG")]),
    ("海淀区公安分局中关村派出所接到报警。", [("海淀区公安分局中关村派出所", "ORG")]),
    ("北京市朝阳区人民政府新闻办公室发布通报。", [("北京市朝阳区人民政府新闻办公室", "ORG")]),
    ("内蒙古自治区公安厅召开新闻发布会。", [("内蒙古自治区公安厅", "ORG")]),
    ("市公安局网安支队支队长刘强通报情况。", [("市公安局网安支队", "ORG"), ("刘强", "PERSON")]),
    ("清华大学网络研究院发布报告。", [("清华大学网络研究院", "ORG")]),
    ("今日头条、快手、抖音等平台配合开展清理。", [("今日头条", "ORG"), ("快手", "ORG"), ("抖音", "ORG")]),
    ("据《人民公安报》报道，案件告破。", [("人民公安报", "ORG")]),
    ("宝鸡铁路公安处接到群众举报。", [("宝鸡铁路公安处", "ORG")]),
    ("湖北省武汉市公安局东湖新技术开发区分局破获此案。", [("湖北省武汉市公安局东湖新技术开发区分局", "ORG")]),
    # places: provinces, prefectures, counties, with and without suffix; foreign places
    ("江苏苏州、浙江温州、福建厦门三地警方联合行动。", [("江苏苏州", "LOC"), ("浙江温州", "LOC"), ("福建厦门", "LOC")]),
    ("该团伙在黑龙江哈尔滨、吉林长春等地作案。", [("黑龙江哈尔滨", "LOC"), ("吉林长春", "LOC")]),
    ("嫌疑人在广西南宁落网。", [("广西南宁", "LOC")]),
    ("据新疆乌鲁木齐警方消息，案件告破。", [("新疆乌鲁木齐", "LOC")]),
    ("团伙成员藏匿于柬埔寨，后被遣返。", [("柬埔寨", "LOC")]),
    ("甘肃省天水市秦州区警方破获一起案件。", [("甘肃省天水市秦州区", "LOC")]),
    ("民警赶赴四川凉山州开展抓捕。", [("四川凉山州", "LOC")]),
    ("河北保定、雄安等地同步收网。", [("河北保定", "LOC")]),
    ("公安部在京召开新闻发布会。", [("京", "LOC"), ("公安部", "ORG")]),
    ("云南省昆明市", [("云南省昆明市", "LOC")]),
    # dates
    ("去年12月，云南省昆明市公安局破获一起跨境赌博案。", [("去年12月", "DATE"), ("云南省昆明市公安局", "ORG")]),
    ("截至今年6月底，累计抓获1300余名。", [("今年6月底", "DATE")]),
    ("2021年7月15日凌晨，警方收网。", [("2021年7月15日凌晨", "DATE")]),
    ("专项行动自2023年3月以来成效明显。", [("2023年3月", "DATE")]),
    ("10月10日至11日，培训班在成都举办。", [("10月10日至11日", "DATE"), ("成都", "LOC")]),
    ("发布时间:2022年01月17日10时36分", [("2022年01月17日10时36分", "DATE")]),
    ("来源:广安日报 2018-10-13 04:55", [("2018-10-13 04:55", "DATE"), ("广安日报", "ORG")]),
    ("2022年底，该案移送起诉；次日，嫌疑人被批捕。", [("2022年底", "DATE"), ("次日", "DATE")]),
    ("今年以来，全市共破案200起。", [("今年", "DATE")]),
]

NOT_FOUND: list[tuple[str, list[str]]] = [
    ("张先生在微信上被骗5万元，随后向派出所报警。", ["张先生", "派出所"]),
    ("李女士报警称自己被骗。", ["李女士"]),
    ("任重道远，打击网络犯罪需要全社会共同努力。", ["任重道远", "任重"]),
    ("目前，案件正在进一步侦办中。", ["目前"]),
    ("近日，警方破获一起案件；近年来此类案件多发。", ["近日", "近年来"]),
    ("今日头条平台配合调查。", ["今日"]),
    ("全市公安机关共破获案件8.3万起，同比上升10.7%。", ["8.3", "10.7", "市公安", "全市"]),
    ("广大网民文明上网，提高防范意识。", ["文明"]),
    ("该能源公司无力支付工程款。", ["能源公司", "该能源公司"]),
    ("民警上门劝阻，避免群众损失。", ["上门"]),
    ("公安部门依法处理，公安机关立即出警。", ["公安部", "公安部门"]),
    ("微信截图_20231222111230.png", ["微信"]),
    ("公安机关依法对其处以行政拘留10日。", ["10日"]),
    ("一起利用“猫池”设备侵犯公民个人信息案。", ["一起"]),
]


@pytest.mark.parametrize(("text", "expected"), FOUND, ids=[t for t, _ in FOUND])
def test_finds(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    got = ents(extractor, text)
    for item in expected:
        assert item in got, f"{item} not in {sorted(got)}"


@pytest.mark.parametrize(("text", "absent"), NOT_FOUND, ids=[t for t, _ in NOT_FOUND])
def test_false_positives(extractor: Extractor, text: str, absent: list[str]) -> None:
    got = {t for t, _ in ents(extractor, text)}
    for word in absent:
        assert word not in got, f"{word} wrongly found in {sorted(got)}"


def test_nested_names_resolve_to_the_outermost(extractor: Extractor) -> None:
    got = ents(extractor, "重庆市公安局江北分局破获一起案件。")
    assert got == {("重庆市公安局江北分局", "ORG")}


def test_examples_in_the_data_file(extractor: Extractor) -> None:
    for example in load("zh", "entities")["example"]:
        got = ents(extractor, example["text"])
        for text, label in example["entities"]:
            assert (text, label) in got, (example["text"], text, sorted(got))


def test_entities_are_on_doc_ents() -> None:
    ex = Extractor()
    nlp = ex.nlp("zh")
    doc = nlp("民警金科在重庆市公安局工作。")
    assert {(e.text, e.label_) for e in doc.ents} >= {("金科", "PERSON"), ("重庆市公安局", "ORG")}


def test_gazetteer_covers_every_level() -> None:
    names = load("zh", "places")["names"]
    assert "四川省" in names["province"] and "四川" in names["province_short"]
    assert "长治市" in names["prefecture"] and "长治" in names["prefecture_short"]
    assert "上党区" in names["county"] and "巨野" in names["county_short"]
    assert "和平" not in names["county_short"]  # district stems that are ordinary words stay out


@pytest.mark.parametrize("text", ["余万亿" * 20_000, "公安" * 30_000, "1" * 60_000, "民警" * 30_000, "某" * 60_000])
def test_long_adversarial_line_is_fast(extractor: Extractor, text: str) -> None:
    import time

    t0 = time.perf_counter()
    extractor.extract(text, lang="zh")
    assert time.perf_counter() - t0 < 5
