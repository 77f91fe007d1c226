"""Chinese quantities: sentences written for these tests (not from the corpus) and the data-file examples."""

from __future__ import annotations

import time
from typing import Any

import pytest
from conftest import assert_quantities

from extract import extract_text, patterns
from extract.normalize import normalize
from extract.quantities import ZhQuantities, find_quantities


def quantities(text: str) -> list[dict[str, Any]]:
    return [q.model_dump() for q in find_quantities(normalize(text), "zh")]


def check(text: str, expected: list[dict[str, Any]]) -> None:
    got = quantities(text)
    for q in got:
        q["text"] = text[q["start"] : q["end"]]  # as the component reports it: the text as written
    assert_quantities(text, got, expected)


# (sentence, expected quantities in order); each expected dict lists only the fields it checks.
CASES: list[tuple[str, list[dict[str, Any]]]] = [
    # numbers: Arabic, separators, decimals, full-width, Chinese, 大写, mixed
    ("警方共破获电信诈骗案件1,067起。", [dict(text="1,067起", value=1067, kind="case", object="电信诈骗案件")]),
    ("全年侦办案件1，204起。", [dict(text="1，204起", value=1204, kind="case")]),
    ("查获涉案银行卡１２３张。", [dict(text="１２３张", value=123, unit="张", kind="count", object="涉案银行卡")]),
    ("涉案金额达16.4亿元。", [dict(text="16.4亿元", value=1640000000, unit="元", kind="money", currency="CNY", object="涉案金额")]),
    ("冻结资金47.264287亿元。", [dict(value=4726428700, kind="money")]),
    ("共抓获嫌疑人三百二十一名。", [dict(text="三百二十一名", value=321, unit="名", kind="person", object="嫌疑人")]),
    ("收缴赃款壹万贰仟元。", [dict(text="壹万贰仟元", value=12000, currency="CNY")]),
    ("群众挽回损失3万4000元。", [dict(text="3万4000元", value=34000, kind="money", object="损失")]),
    ("累计拦截诈骗电话25万6千个。", [dict(value=256000, unit="个", object="诈骗电话")]),
    ("某市两名男子因倒卖个人信息被刑拘。", [dict(text="两名", value=2, unit="名", kind="person", object="男子")]),
    ("本次行动出动警力两千人。", [dict(text="两千人", value=2000, kind="person", object="警力")]),
    # qualifiers: more_than
    ("清理有害信息1.3万余条。", [dict(text="1.3万余条", value=13000, approx="more_than", unit="条")]),
    ("关停账号5千余个。", [dict(text="5千余个", value=5000, approx="more_than")]),
    ("涉案资金3000余万元。", [dict(text="3000余万元", value=30000000, approx="more_than", unit="元")]),
    ("查扣虚拟货币价值80亿余元。", [dict(text="80亿余元", value=8000000000, approx="more_than")]),
    ("波及群众十余万人。", [dict(text="十余万人", value=100000, approx="more_than", kind="person")]),
    ("非法获利一千多万元。", [dict(text="一千多万元", value=10000000, approx="more_than", kind="money")]),
    ("受害群众三十几万人。", [dict(text="三十几万人", value=300000, approx="more_than")]),
    ("涉及用户超过500万人。", [dict(text="超过500万人", value=5000000, approx="more_than")]),
    ("视频播放量超3亿次。", [dict(text="超3亿次", value=300000000, approx="more_than", unit="次", object="播放量")]),
    ("涉案流水逾2亿元。", [dict(text="逾2亿元", value=200000000, approx="more_than")]),
    ("参与人员达100人以上。", [dict(text="100人以上", value=100, approx="more_than", kind="person")]),
    ("造成损失上百万元。", [dict(text="上百万元", value=1000000, approx="more_than", unit="元", object="损失")]),
    ("排查隐患200多处。", [dict(text="200多处", value=200, approx="more_than", unit="处")]),
    # qualifiers: nearly / about / at_most / several
    ("整治网站近3000家。", [dict(text="近3000家", value=3000, approx="nearly", object="网站")]),
    ("挽回损失将近500万元。", [dict(text="将近500万元", value=5000000, approx="nearly")]),
    ("覆盖人口接近200万人。", [dict(text="接近200万人", value=2000000, approx="nearly")]),
    ("涉案金额约1.2亿元。", [dict(text="约1.2亿元", value=120000000, approx="about", object="涉案金额")]),
    ("冻结资金大约600万元。", [dict(text="大约600万元", value=6000000, approx="about")]),
    ("嫌疑人年龄30岁左右。", [dict(text="30岁左右", value=30, approx="about", kind="age")]),
    ("每单收益50元上下。", [dict(text="50元上下", value=50, approx="about", kind="money")]),
    ("涉案金额不到1万元。", [dict(text="不到1万元", value=10000, approx="at_most")]),
    ("作案时间不足3个月。", [dict(text="不足3个月", value=3, approx="at_most", unit="个月", kind="duration")]),
    ("单笔转账5000元以下。", [dict(text="5000元以下", value=5000, approx="at_most")]),
    ("每日提现不超过2万元。", [dict(text="不超过2万元", value=20000, approx="at_most")]),
    ("每人最多3张。", [dict(text="最多3张", value=3, approx="at_most")]),
    ("查获手机卡数千张。", [dict(text="数千张", value=1000, approx="several", unit="张", object="手机卡")]),
    ("骗取几十人的钱财。", [dict(text="几十人", value=10, approx="several", kind="person")]),
    ("涉及数十万元资金。", [dict(text="数十万元", value=100000, approx="several", kind="money")]),
    # ranges
    ("每人获利3至5万元。", [dict(text="3至5万元", value=30000, value_max=50000, kind="money")]),
    ("每组10-20人。", [dict(text="10-20人", value=10, value_max=20, kind="person")]),
    ("每次收取两到三万元。", [dict(text="两到三万元", value=20000, value_max=30000, kind="money")]),
    ("现场聚集五六百人。", [dict(text="五六百人", value=500, value_max=600, kind="person")]),
    ("团伙成员年龄在十五六岁。", [dict(text="十五六岁", value=15, value_max=16, kind="age")]),
    ("拘留3到5日不等。", [dict(text="3到5日", value=3, value_max=5, kind="duration")]),
    # units and kinds
    ("破获案件12宗。", [dict(unit="宗", kind="case")]),
    ("办理涉网案件5件。", [dict(unit="件", kind="case", object="涉网案件")]),
    ("收到群众来信12件。", [dict(unit="件", kind="count")]),
    ("警示违法网民300人次。", [dict(unit="人次", kind="person", object="违法网民")]),
    ("表彰先进民警8位。", [dict(unit="位", kind="person")]),
    ("查处问题网吧15家。", [dict(unit="家", kind="count", object="问题网吧")]),
    ("扣押电脑20台、服务器6部。", [dict(unit="台", object="电脑"), dict(unit="部", object="服务器")]),
    ("下架违规应用程序30款。", [dict(unit="款", kind="count")]),
    ("开展宣传活动80次。", [dict(unit="次", kind="count")]),
    ("收缴假证书2000本。", [dict(unit="本", kind="count")]),
    ("制定工作措施6项。", [dict(unit="项", kind="count")]),
    ("查获作案工具40余套。", [dict(unit="套", approx="more_than")]),
    ("印发宣传资料1万份。", [dict(unit="份", value=10000)]),
    ("发布警情通报25期。", [dict(unit="期")]),
    ("查获涉案车辆7辆。", [dict(unit="辆", object="涉案车辆")]),
    ("案件涉及全国18个省份。", [dict(unit="个", value=18)]),
    ("赃款共计8000美元。", [dict(unit="美元", kind="money", currency="USD")]),
    ("收取押金2万港元。", [dict(unit="港元", currency="HKD", value=20000)]),
    ("涉案金额50万欧元。", [dict(unit="欧元", currency="EUR", value=500000)]),
    ("诈骗金额人民币300万元。", [dict(text="300万元", unit="元", currency="CNY", value=3000000)]),
    ("发案率同比下降24%。", [dict(text="24%", value=24, unit="%", kind="percent")]),
    ("破案率上升了百分之十。", [dict(text="百分之十", value=10, unit="%", kind="percent")]),
    ("电诈案件同比上升32.5%。", [dict(text="32.5%", value=32.5, kind="percent", object="电诈案件")]),
    ("破案率提高5个百分点。", [dict(unit="个百分点", kind="percent", value=5)]),
    ("对其处以行政拘留15日。", [dict(text="15日", value=15, unit="日", kind="duration", object="行政拘留")]),
    ("专项行动为期100天。", [dict(text="100天", kind="duration")]),
    ("连续工作36小时。", [dict(text="36小时", unit="小时", kind="duration")]),
    ("警方用时20分钟赶到现场。", [dict(text="20分钟", kind="duration")]),
    ("侦查持续两周。", [dict(text="两周", unit="周", kind="duration")]),
    ("该团伙活动长达8个月。", [dict(text="8个月", unit="个月", kind="duration")]),
    ("被判处有期徒刑3年。", [dict(text="3年", unit="年", kind="duration")]),
    ("受害人是一名65岁老人。", [dict(text="65岁", value=65, kind="age", object="老人")]),
    ("一名七十岁的老人被骗。", [dict(text="七十岁", value=70, kind="age")]),
    ("两个男子在街头行骗。", [dict(text="两个", kind="person", object="男子")]),
    ("近两年来，共处理此类案件9起。", [dict(text="两年", approx="exact", kind="duration"), dict(text="9起")]),
    # objects in either order and shared lists
    ("抓获犯罪嫌疑人58名，58名犯罪嫌疑人均已到案。", [dict(object="犯罪嫌疑人"), dict(object="犯罪嫌疑人")]),
    ("打掉团伙12个，其中，跨境团伙5个、本地团伙7个。", [dict(object="团伙"), dict(object="跨境团伙"), dict(object="本地团伙")]),
    ("查处违规企业40家，其中，约谈12家、通报18家。", [dict(object="违规企业"), dict(object="违规企业"), dict(object="违规企业")]),
    ("罚款5000元，拘留7日。", [dict(object="罚款", kind="money"), dict(object="拘留", kind="duration")]),
    ("行政处罚21人，批评教育40人。", [dict(object=None), dict(object=None)]),
    ("查获作案手机百余部、电话卡千余张，其中3人系网上逃犯。",
     [dict(text="百余部", value=100, approx="more_than", object="手机"), dict(text="千余张", value=1000, object="电话卡"),
      dict(text="3人", object=None)]),
    ("群众捐款万余元。", [dict(text="万余元", value=10000, approx="more_than", object="捐款")]),
    ("每人每月收取会员费30元至50元不等。", [dict(text="30元至50元", value=30, value_max=50, object="会员费")]),
    ("先后在20多个省市作案300余起。", [dict(text="20多个", object="省市"), dict(text="300余起", object=None)]),
    ("涉案金额高达2.5亿元。", [dict(text="2.5亿元", object="涉案金额")]),
    ("近千人参与，约万人受益。", [dict(text="近千人", value=1000, approx="nearly", object=None), dict(text="约万人", value=10000, approx="about")]),
    ("打掉一两个团伙、两三个窝点。", [dict(text="一两个", value=1, value_max=2), dict(text="两三个", value=2, value_max=3)]),
    ("案件须在10日内办结，为期5个多月。", [dict(text="10日", kind="duration", object=None), dict(text="5个多月", approx="more_than", unit="个月")]),
    ("查处十几个账号，增长5倍。", [dict(text="十几个", value=10, approx="more_than"), dict(text="5倍", unit="倍")]),
    ("5月1日至5日开展检查，2022年度考核，3年级学生，十九大精神。", []),
    ("内场违法行为由每周80余起下降到零。", [dict(text="80余起", object="内场违法行为")]),
    ("发送劝阻信息800余条，整治分发平台51个，处罚违规单位7家。",
     [dict(object="劝阻信息"), dict(object="分发平台"), dict(object="违规单位")]),
    ("查获资格证、毕业证等各类假证3000余本。", [dict(text="3000余本", object="假证")]),
    ("涉案金額逾新台幣3億元。", [dict(text="逾新台幣3億元", value=300000000, approx="more_than", currency="TWD", object="涉案金额")]),
    ("另有美金1.2万元，每人收费200元/人。", [dict(text="1.2万元", currency="USD"), dict(text="200元", object="收费")]),
    ("普及率较去年提高2.1个百分点，年龄在18至65岁之间。",
     [dict(value=2.1, kind="percent", object=None), dict(text="18至65岁", value=18, value_max=65, object=None)]),
    # not quantities
    ("推进4G、5G网络建设。", []),
    ("2023年3月，警方开展行动。", []),
    ("9月25日，民警接到报警。", []),
    ("自2024年3月31日起施行。", []),
    ("二〇二三年十月，案件告破。", []),
    ("“净网2023”专项行动成效明显。", []),
    ("第一，加强组织领导；一是强化宣传。", []),
    ("坚持一案双查，实行7×24小时值守，推行一村一警。", []),
    ("警方破获一起电信诈骗案，抓获一批嫌疑人，其中一名系主犯。", []),
    ("评选出十大精品案例，市县两级公安机关参与。", []),
    ("“12·15”专案告破。", []),
    ("见附件微信截图_20231222111230.png。", []),
    ("举报电话13800138000，身份证号110101199003071234。", []),
    ("周一至周五办公。", []),
    ("近日，警方破获案件1起，抓获1人。", [dict(text="1起", value=1), dict(text="1人", value=1, kind="person")]),
]


def test_enough_sentences() -> None:
    from test_quantities_en import CASES as EN_CASES

    assert len(CASES) + len(EN_CASES) >= 80


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:14] for c in CASES])
def test_sentence(text: str, expected: list[dict[str, Any]]) -> None:
    check(text, expected)


XFAIL: list[tuple[str, list[dict[str, Any]]]] = [
    # The subject before a verb is not taken as the object of a following duration.
    ("追逃工作开展20天便抓获逃犯。", [dict(text="20天", object="追逃工作")]),
]


@pytest.mark.xfail(strict=True, reason="the subject before a verb is not taken as the object of a following duration")
@pytest.mark.parametrize(("text", "expected"), XFAIL, ids=[c[0][:14] for c in XFAIL])
def test_known_failures(text: str, expected: list[dict[str, Any]]) -> None:
    check(text, expected)


def test_data_file_examples() -> None:
    examples = patterns.load("zh", "quantities").get("examples", [])
    assert examples
    for ex in examples:
        check(ex["text"], ex["expect"])


def test_through_the_pipeline(extractor: Any) -> None:
    doc = extractor.extract("全市共侦破案件８起，抓获犯罪嫌疑人15名。", lang="zh")
    assert [(q.text, q.value, q.kind) for q in doc.quantities] == [("８起", 8, "case"), ("15名", 15, "person")]


@pytest.mark.parametrize(
    ("chunk", "size"),
    # A megabyte of numeral soup matches nothing; a line made only of quantities is capped smaller,
    # since each of its 25,000 matches builds a record.
    [("余万亿", 10**6), ("9", 10**6), ("1,", 10**6), ("近约", 10**6), ("3至", 10**6), ("十余万元", 10**5), ("数千个", 10**5)],
)
def test_adversarial_line_is_bounded(chunk: str, size: int) -> None:
    text = chunk * (size // len(chunk))
    started = time.perf_counter()
    quantities(text)
    # Not a benchmark: a catastrophic (super-linear) pattern would take minutes, not seconds.
    assert time.perf_counter() - started < 20


@pytest.mark.parametrize(
    ("text", "figure", "obj"),
    [
        # an anonymised name ending the noun phrase is no part of what is counted
        ("民警抓获犯罪嫌疑人王某明等12人。", "12人", "犯罪嫌疑人"),
        ("抓获犯罪嫌疑人张某某、李某等5名。", "5名", "犯罪嫌疑人"),
        # a verb inside a quoted name is part of the name
        ("全市办理“帮助信息网络犯罪活动”案件120起。", "120起", "帮助信息网络犯罪活动案件"),
        # a measure of the thing is no thing counted; the head after 相关 is
        ("截至去年底，全省网民规模达5600万人。", "5600万人", "网民"),
        ("警方抓获涉嫌电信诈骗相关犯罪嫌疑人18人。", "18人", "犯罪嫌疑人"),
        ("共侦破相关案件40起。", "40起", "相关案件"),
        ("该团伙非法获利30余万元。", "30余万元", "非法获利"),
    ],
)
def test_object_without_names_and_with_quoted_names(text: str, figure: str, obj: str) -> None:
    (q,) = [q for q in find_quantities(text, "zh") if q.text == figure]
    assert q.object == obj


# Objects compared exactly (the data-file examples compare them leniently: one containing the other).
EXACT_OBJECTS = [
    ("民警成功劝阻有轻生念头的群众12人。", "有轻生念头的群众"),  # a short relative clause stays
    ("关停存在安全隐患的网吧9家。", "存在安全隐患的网吧"),
    ("抓获出租、出借银行卡的人员8名。", "出租、出借银行卡的人员"),
    ("抓获为境外团伙提供转账服务的犯罪嫌疑人6名。", "犯罪嫌疑人"),  # a long one does not
    ("抓获为诈骗团伙提供帮助的犯罪嫌疑人王某等3人。", "犯罪嫌疑人"),  # nor one before names
    ("处理该公司的员工3名。", "员工"),  # a possessive is no clause
    ("铁路公安押解逃犯乘车150余人次。", "逃犯"),  # a person count ends at its person noun
    ("法院判令被告赔偿原告医疗费8000元。", "医疗费"),  # the owner is not counted
    ("判处被告人4名。", "被告人"),
    ("在微信公众号推送反诈宣传提示图文300余条。", "反诈宣传提示图文"),  # a compound noun ending in a verb
    ("督促整改违规网站15个。", "违规网站"),
    ("警方查處違規開戶的銀行網點12個。", "違規開戶的銀行網點"),  # as written: traditional stays traditional
]


@pytest.mark.parametrize(("text", "obj"), EXACT_OBJECTS, ids=[t[:12] for t, _ in EXACT_OBJECTS])
def test_object_exactly(text: str, obj: str) -> None:
    (q,) = extract_text(text, lang="zh").quantities
    assert q.object == obj


@pytest.mark.parametrize(
    ("text", "objects"),
    [
        ("查获手机300部和电脑20台。", ["手机", "电脑"]),  # the conjunction joins two figures
        ("查获手机300部及银行卡20张。", ["手机", "银行卡"]),
        ("经过调解，两家握手言和，达成谅解。", [None]),  # 和 right before punctuation ends a word
        ("签订和解协议3份。", ["和解协议"]),
    ],
)
def test_conjunctions_belong_to_no_object(text: str, objects: list[str | None]) -> None:
    assert [q.object for q in extract_text(text, lang="zh").quantities] == objects


def test_symbol_amounts_tried_only_where_a_match_can_start() -> None:
    # The leading character class of the symbol pattern is a necessary condition: the same matches as
    # the plain alternation it guards, on text of symbols, codes, qualifiers, numbers and noise.
    import random
    import re

    from extract.quantities import matcher

    m = matcher("zh")
    assert isinstance(m, ZhQuantities)
    source = m.symbol_pattern.pattern
    assert source.startswith("(?=[")
    plain = re.compile(source[source.index("])(?:") + 2 :])
    pieces = [
        "$", "￥", "¥", "HK$", "US$", "€", "USD", "USDT", "BTC", "RMB", "CNY", "A$", "Rs", "RM",
        "约", "超过", "近", "不到", "至少", "逾", "20", "3.5", "1,000", "7", "0", "9", ".", ",", " ",
        "万", "亿", "元", "美元", "a", "X", "S", "US", "涉案", "金额", "-", "\n",
    ]  # fmt: skip
    rng = random.Random(15)
    texts = ["", "涉案金额", "$", "20", "$20", "20USD", "USD20", "约$5万元", "X$3"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(6000)]
    assert m.symbol_finder is not None
    for text in texts:
        expected = [(x.span(), x.groupdict()) for x in plain.finditer(text)]
        assert [(x.span(), x.groupdict()) for x in m.symbol_pattern.finditer(text)] == expected, text
        if expected:  # the scan is skipped when no symbol or code occurs: then it finds nothing
            assert m.symbol_finder.search(text) is not None, text
