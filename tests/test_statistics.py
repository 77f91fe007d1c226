"""The link stage (SPEC section 8) on sentences of our own: what is a statistic, and what it is linked to.

Each row: the article (title, published, text), the figure, and the fields expected of its statistic
(``None`` as the whole expectation: the figure is no statistic).
"""

from __future__ import annotations

from typing import Any

import pytest

from extract import Article, Extractor
from extract.places import NATION, divisions

EX = Extractor()


def stats(text: str, *, title: str | None = None, published: str | None = None, lang: str | None = None) -> dict[str, dict[str, Any]]:
    doc = EX.process(Article(id="t", text=text, title=title, published=published, lang=lang))
    return {s.text: s.model_dump() for s in doc.statistics}


CASES: list[tuple[str, str | None, str | None, str, dict[str, Any] | None]] = [
    # a provincial tally: metric from the verb, place from the headline, the year clipped at publication
    ("江苏公安通报打击电诈成果", "2023-12-20",
     "2023年，全省公安机关共侦破电信网络诈骗案件1200起，抓获犯罪嫌疑人860名。", "1200起",
     {"metric": "cases_solved", "scope": "total", "place": "江苏省", "place_code": "320000",
      "period_start": "2023-01-01", "period_end": "2023-12-20", "case_type": "电信网络诈骗"}),
    ("江苏公安通报打击电诈成果", "2023-12-20",
     "2023年，全省公安机关共侦破电信网络诈骗案件1200起，抓获犯罪嫌疑人860名。", "860名",
     {"metric": "suspects_arrested", "scope": "total", "place": "江苏省", "case_type": "电信网络诈骗"}),
    # the story of one bust: scope case, the district of the police branch, no period
    ("萧山警方破获侵公案", "2022-05-06",
     "近日，杭州市公安局萧山区分局破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名，涉案金额20万余元。", "4名",
     {"metric": "suspects_arrested", "scope": "case", "place": "萧山区", "place_code": "330109",
      "period_start": None, "period_end": None, "case_type": "侵犯公民个人信息"}),
    ("萧山警方破获侵公案", "2022-05-06",
     "近日，杭州市公安局萧山区分局破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名，涉案金额20万余元。", "20万余元",
     {"metric": "money_involved", "scope": "case"}),
    # so far this year, up to the end of June; the city from the headline's short name
    ("广州警方上半年战果", "2024-07-10",
     "今年以来，截至6月底，全市公安机关共破获网络赌博案件300起，冻结涉赌资金1.2亿元。", "300起",
     {"metric": "cases_solved", "scope": "total", "place": "广州市", "period_start": "2024-01-01",
      "period_end": "2024-06-30", "case_type": "网络赌博"}),
    ("广州警方上半年战果", "2024-07-10",
     "今年以来，截至6月底，全市公安机关共破获网络赌博案件300起，冻结涉赌资金1.2亿元。", "1.2亿元",
     {"metric": "money_frozen", "scope": "total"}),
    # "since the campaign began": the campaign's stated start to the publication date
    ("深化“净网2024”专项行动", "2024-11-01",
     "自2024年3月以来，全市公安机关开展“净网2024”专项行动。\n行动开展以来，共关停违法账号5000余个，清理有害信息2万余条。",
     "5000余个",
     {"metric": "accounts_closed", "campaign": "净网2024", "period_start": "2024-03-01", "period_end": "2024-11-01"}),
    ("深化“净网2024”专项行动", "2024-11-01",
     "自2024年3月以来，全市公安机关开展“净网2024”专项行动。\n行动开展以来，共关停违法账号5000余个，清理有害信息2万余条。",
     "2万余条", {"metric": "content_removed", "campaign": "净网2024"}),
    # nationwide, from 全国 before the figure
    (None, "2023-01-10", "2022年，全国公安机关共打掉犯罪团伙3200余个，捣毁窝点1.1万个。", "3200余个",
     {"metric": "gangs_broken", "place": "全国", "place_code": None, "period_start": "2022-01-01",
      "period_end": "2022-12-31"}),
    # a campaign's stated span (a range of days) bounds its figures; 自…以来 with words between
    ("网信办开展春节网络环境整治", "2024-03-05",
     "国家网信办于1月20日至2月25日在全国开展“清朗·春节网络环境整治”专项行动。专项行动期间，累计清理违法信息30万余条。",
     "30万余条", {"metric": "content_removed", "period_start": "2024-01-20", "period_end": "2024-02-25"}),
    (None, "2017-08-21", "自2015年11月打击治理电信网络新型违法犯罪专项行动开展以来，安溪县公安机关累计破获电信诈骗案件1530起。",
     "1530起", {"period_start": "2015-11-01", "period_end": "2017-08-21", "place": "安溪县"}),
    (None, "2024-08-20", "今年前7个月，全省公安机关共抓获犯罪嫌疑人3200名。", "3200名",
     {"period_start": "2024-01-01", "period_end": "2024-07-31"}),
    ("Police report on cybercrime", "2019-10-16",
     "Police nationwide had solved 36,400 cybercrime cases in the first seven months of the year.", "36,400 cybercrime cases",
     {"period_start": "2019-01-01", "period_end": "2019-07-31"}),
    # not statistics: background, thresholds in rules, targets, rates
    (None, None, "截至2023年6月，我国网民规模达10.79亿人，互联网普及率达76.4%。", "10.79亿人", None),
    (None, None, "对情节严重的，处以罚款5万元以上。", "5万元以上", None),
    (None, None, "力争年底前清理违法有害信息100万条。", "100万条", None),
    (None, None, "反诈中心每日推送预警信息700余条。", "700余条", None),
    # English wire copy: the verb after the number, a province, so far this year
    ("Guangdong police arrest 1,200 fraud suspects", "2024-03-03",
     "GUANGZHOU, March 3 (Xinhua) -- Police in Guangdong Province have arrested 1,200 suspects so far "
     "this year in a crackdown on telecom fraud, the provincial public security department said.",
     "1,200 suspects",
     {"metric": "suspects_arrested", "scope": "total", "place": "广东省", "period_end": "2024-03-03"}),
    ("Cyber police report results", "2023-10-14",
     "Public security organs nationwide cracked 37,000 cybercrime cases and shut down 5,000 illegal websites in 2023.",
     "37,000 cybercrime cases", {"metric": "cases_solved", "place": "全国", "period_start": "2023-01-01"}),
    (None, None, "China had 1.079 billion internet users by June 2023.", "1.079 billion internet users", None),
    # a definite reference to the gang just told beats a tally word (全国 is where its victims live)
    ("成都警方打掉一个跑分团伙", "2021-04-02",
     "3月，成都市公安局武侯区分局打掉一个跑分团伙，抓获犯罪嫌疑人12名。经查，该团伙涉及全国被害人260余名，涉案资金800余万元。",
     "260余名", {"scope": "case", "period_start": None, "period_end": None}),
    ("Nanning police bust card ring", "2022-09-30",
     "Nanning police broke up a card-trading ring in August. The gang had sold cards used to defraud 140 victims nationwide.",
     "140 victims", {"scope": "case"}),
    # the same tally word with no case before it still gives a tally
    ("湖南公安通报", "2022-12-30",
     "今年以来，全国公安机关累计查明被害人4200余名。", "4200余名", {"scope": "total", "place": "全国"}),
    # a paragraph headed as one of a list of cases tells that case
    ("Qingdao police release typical cases", "2023-06-05",
     "Typical case two: In May, Shinan Branch destroyed a card-collecting gang across the city and arrested 7 people.",
     "7 people", {"scope": "case"}),
    # a figure inside a quotation names a thing (a slogan, a mechanism), it is no result
    ("福建公安推进警企融合", "2022-08-01",
     "今年以来，福州机场公安局创新建立“三项机制”，抓获网上逃犯25名。", "三项", None),
    ("福建公安推进警企融合", "2022-08-01",
     "今年以来，福州机场公安局创新建立“三项机制”，抓获网上逃犯25名。", "25名", {"metric": "suspects_arrested"}),
    # two campaigns named as one pair (和, 暨): the figure is the one the headline reports
    ("成都警方“净网2021”专项行动战果丰硕", None,
     "今年以来，成都警方深入开展“净网2021”专项行动和打击治理电信网络诈骗犯罪专项行动，截至9月底，全市共侦破案件860起。",
     "860起", {"campaign": "净网2021", "period_start": "2021-01-01", "period_end": "2021-09-30"}),
    # ... but a campaign run inside another keeps its own name
    ("济南警方“净网2022”行动成果", "2022-11-02",
     "济南警方在“净网2022”专项行动中同步开展“护苗”行动。今年8月，警方共抓获侵害未成年人犯罪嫌疑人31名。",
     "31名", {"campaign": "护苗"}),
    # a comparison names no period: the year before is not the figure's
    ("Clean Network 2023 results in Hubei", None,
     "WUHAN, Oct 9 -- Police in Hubei solved 4,200 cybercrime cases, up 12 percent from the same period last year, since the Clean Network 2023 campaign began in April.",
     "4,200 cybercrime cases", {"period_start": "2023-04-01"}),
    ("湖北公安“净网2023”专项行动", "2023-10-09",
     "今年以来，全省侦破网络犯罪案件4200起，较去年同期上升12%。", "4200起",
     {"period_start": "2023-01-01", "period_end": "2023-10-09"}),
    # 截至…中旬: the end is where the text says, not the publication date
    ("宁波警方通报", "2023-09-02", "今年以来，截至8月中旬，全市共抓获犯罪嫌疑人1200名。", "1200名",
     {"period_start": "2023-01-01", "period_end": None}),
    # a month opening the figure's sentence dates it; a month in an earlier sentence dates something else
    ("南宁警方通报", "2023-09-02", "今年5月，全市共侦破跑分洗钱案件35起。", "35起",
     {"period_start": "2023-05-01", "period_end": "2023-05-31"}),
    # a case named in quotes is one case: no campaign period, scope case
    ("江苏警方通报净网成果", "2023-08-01",
     "今年以来，全省共侦破网络犯罪案件900起。南京警方侦破的“7·15”网络诈骗案，抓获犯罪嫌疑人21人。", "21人",
     {"scope": "case", "period_start": None, "period_end": None}),
    ("江苏警方通报净网成果", "2023-08-01", "今年以来，全省侦破“帮信”案120起。", "120起", {"scope": "total"}),
    # the crime type can be the counted noun itself
    ("Guangxi police results", "2023-09-02", "Police in Guangxi cracked 1,500 telecom fraud cases this year.",
     "1,500 telecom fraud cases", {"case_type": "电信网络诈骗"}),
    # a campaign's start stated in the next sentence, which refers back to it
    ("Summer campaign", "2024-07-25",
     "Police have arrested 900 suspects since the launch of the Clean Network 2024 campaign. The 100-day campaign, which began in March, targets fraud.",
     "900 suspects", {"period_start": "2024-03-01", "period_end": "2024-07-25"}),
]


@pytest.mark.parametrize(("title", "published", "text", "figure", "expected"), CASES)
def test_link_table(title: str | None, published: str | None, text: str, figure: str, expected: dict[str, Any] | None) -> None:
    found = stats(text, title=title, published=published)
    if expected is None:
        assert figure not in found, found.get(figure)
        return
    assert figure in found, sorted(found)
    got = {k: found[figure][k] for k in expected}
    assert got == expected


def test_statistics_copy_their_quantity() -> None:
    doc = EX.process(Article(id="t", text="今年以来，全市共侦破案件3至5万起。", published="2024-05-01"))
    (q,) = [q for q in doc.quantities if q.text.endswith("万起")]
    (s,) = doc.statistics
    assert (s.start, s.end, s.value, s.value_max, s.approx) == (q.start, q.end, q.value, q.value_max, q.approx)


def test_statistics_layer_on_the_doc() -> None:
    nlp = EX.nlp("zh")
    doc = nlp("2022年，全国公安机关共侦破案件8.3万起。")
    spans = doc.spans["statistics"]
    assert [s.label_ for s in spans] == ["cases_solved"]
    assert spans.attrs["records"][0]["value"] == 83000


def test_same_named_districts_are_read_in_their_city() -> None:
    table = divisions()
    assert [p.name for p in table.find("重庆市公安局江北分局")] == ["重庆市", "江北区"]
    assert [p.code for p in table.find("宁波市江北区")] == ["330200", "330205"]
    assert table.find("江北区") == []  # two of them and nothing to choose by
    assert [p.name for p in table.find_pinyin(["Jiangbei", "District", "Chongqing"])] == ["重庆市", "江北区"]


def test_place_hierarchy() -> None:
    table = divisions()
    xiaoshan = table.place("330109")
    assert xiaoshan.within(table.place("330100")) and xiaoshan.within(table.place("330000"))
    assert xiaoshan.within(NATION) and not NATION.within(xiaoshan)
    assert xiaoshan.ancestor(1) == table.place("330000")



def test_district_police_by_bare_stem() -> None:
    found = stats("近日，萧山警方破获一起侵犯公民个人信息案，抓获犯罪嫌疑人4名。", published="2024-01-15")
    assert (found["4名"]["place"], found["4名"]["place_code"]) == ("萧山区", "330109")
    # a stem that is an everyday word is no place, even before an agency word
    found = stats("会同公安机关共侦破案件12起。", published="2024-01-15")
    assert found["12起"]["place"] != "会同县"


def _link_seconds(text: str) -> float:
    import time

    from extract.statistics import link_rows

    nlp = EX.nlp("zh")
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "extract_statistics":
            break
        doc = proc(doc)
    best = float("inf")
    for _ in range(2):
        t0 = time.perf_counter()
        link_rows(doc, "zh")
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.parametrize("unit", ["侦破案件3起，\n", "全省抓获2人。", "侦破案件3起抓获犯罪嫌疑人2人"])
def test_link_stage_grows_linearly(unit: str) -> None:
    """Four times the figures cost well under sixteen times the time (a quadratic rescan would)."""
    small = _link_seconds("警方通报：" + unit * 300)
    large = _link_seconds("警方通报：" + unit * 1200)
    assert large < 8 * small + 0.05, (small, large)


# Crime types a figure is linked to without a named type beside it, or despite one before it.
CASE_TYPE_CASES: list[tuple[str, str, str | None, str, str | None]] = [
    # a cue word before the figure implies the type (a victim's loss, the anti-fraud police's freeze)
    ("zh", "西城区一名市民因轻信“低价代购”广告，两天内被骗走货款3.2万元。", None, "3.2万元", "电信网络诈骗"),
    ("zh", "接警后，反诈民警立即开展止付，成功冻结涉案资金8.6万元。", None, "8.6万元", "电信网络诈骗"),
    # ... but not the name of an agency: the anti-fraud centre's figures count no one crime
    ("zh", "市公安局反诈中心负责人介绍，今年以来累计劝阻群众1.2万人次。", "2024-05-01", "1.2万人次", None),
    # a named type before the figure wins over a cue word
    ("zh", "警方破获一起冒充客服诈骗案，抓获犯罪嫌疑人3名，追回被骗资金12万元。", None, "12万元", "冒充客服诈骗"),
    # a case story that names no type: the conduct it tells implies one
    ("zh", "全市警方持续开展打击整治行动。\n\n典型案例二：今年3月，某区公安分局接到举报，一家养生馆以“健康讲座”为名向"
     "老年人推销所谓“神药”，骗取老人钱财。民警捣毁该窝点，抓获犯罪嫌疑人8名。", None, "8名", "养老诈骗"),
    # a list of types, each with its figure: the figure after the list counts none of them
    ("zh", "今年以来，全市共侦办帮信案件300起、侵犯公民个人信息案件80起，依法关停违法违规账号5万余个。", "2024-06-30",
     "5万余个", None),
    ("zh", "今年以来，全市共侦办帮信案件300起、侵犯公民个人信息案件80起，依法关停违法违规账号5万余个。", "2024-06-30",
     "80起", "侵犯公民个人信息"),
    # English: a type after the figure is its own only when joined to it (suspected of, held for)
    ("en", "Police in Shenzhen detained 35 people suspected of telecom fraud last week.", None, "35 people", "电信网络诈骗"),
    ("en", "The raids resulted in 600 arrests, including more than 120 people held for hacking.", None,
     "more than 120 people", "黑客攻击"),
    ("en", "Police in Shenzhen arrested 47 people who had rented out bank accounts to overseas fraud rings.", None,
     "47 people", None),
]


@pytest.mark.parametrize(("lang", "text", "published", "figure", "case_type"), CASE_TYPE_CASES)
def test_case_type_links(lang: str, text: str, published: str | None, figure: str, case_type: str | None) -> None:
    got = stats(text, published=published, lang=lang)
    assert figure in got, sorted(got)
    assert got[figure]["case_type"] == case_type


@pytest.mark.parametrize(
    "text",
    [
        "浙江公安通报\n今年以来，全省共侦破案件1200起、抓获嫌疑人860名，冻结资金3.5亿元。\n其中宁波警方破获案件300起。",
        "广西警方\n\n抓获12人\n“清朗”行动中查处网站7家，关停账号1.2万个；另有3人在逃。",
        "Police in Guangdong arrested 45 suspects and solved 120 cases. They froze 3 million yuan.",
    ],
)
def test_statistic_spans_taken_from_the_quantities_are_the_plain_token_spans(text: str) -> None:
    """Each statistic's span (made from its quantity's) is the token span set_layer would give its record."""
    from extract.doc import set_layer

    nlp = EX.nlp("en" if text.startswith("Police") else "zh")
    doc = nlp(text)
    got = doc.spans["statistics"]
    assert len(got) >= 2
    rows = [dict(r) for r in got.attrs["records"]]
    set_layer(doc, "plain", rows, label_field="metric")
    plain = doc.spans["plain"]
    assert [(s.start, s.end, s.label_) for s in got] == [(s.start, s.end, s.label_) for s in plain]
    assert got.attrs["records"] == plain.attrs["records"]


def test_period_of_a_paragraph_without_time_words_is_its_campaigns() -> None:
    """A paragraph with no time words dates its figures by their campaign, not by the paragraph before."""
    text = (
        "四川公安“清源2025”专项行动通报\n"
        "自2025年3月以来，全省公安机关开展“清源2025”专项行动。\n"
        "“清源2025”专项行动中，全省共破获案件86起。\n"
        "成都警方抓获犯罪嫌疑人45名，冻结资金1200万元。\n"
        "截至6月底，绵阳警方破获案件12起。"
    )
    found = stats(text, published="2025-07-10")
    for figure in ("86起", "45名", "1200万元"):
        assert (found[figure]["period_start"], found[figure]["period_end"]) == ("2025-03-01", "2025-07-10"), figure
    # and a paragraph with time words of its own is dated by them (截至 gives the end only)
    assert (found["12起"]["period_start"], found["12起"]["period_end"]) == (None, "2025-06-30")
