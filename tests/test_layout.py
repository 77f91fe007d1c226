"""Title and publication date from page layouts the corpus does not contain."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract import Article, Extractor
from extract.layout import find_published, find_title
from extract.readers import iter_articles

PAGES = [
    (
        "首页 > 新闻中心 > 正文\n广州警方破获特大网络赌博案 抓获嫌疑人120名\n发布时间:2024年05月06日09时30分   来源:广州日报\n正文内容",
        "广州警方破获特大网络赌博案 抓获嫌疑人120名",
        "2024-05-06",
    ),
    (
        "您好!欢迎访问杭州市公安局门户网站!\n| 网站无障碍 | 微信公众号\n杭州公安开展“净网2024”专项行动\n来源:杭州日报 2019-03-04 08:00\n",
        "杭州公安开展“净网2024”专项行动",
        "2019-03-04",
    ),
    (
        "无锡公安通报打击电诈成果\n2024-01-02来源:无锡新闻网编辑:小王\n微信截图_20240101.png\n正文",
        "无锡公安通报打击电诈成果",
        "2024-01-02",
    ),
    (
        "Police in Guangdong arrest 300 suspects in telecom fraud crackdown\n\n"
        "GUANGZHOU, March 5 (Xinhua) -- Police said on Thursday that 300 suspects were held.",
        "Police in Guangdong arrest 300 suspects in telecom fraud crackdown",
        None,  # a dateline without a year gives no publication date: never guessed
    ),
    (
        "当前位置：首页 > 警务动态 > 正文\n成都警方打掉一个跨境电诈团伙\n发布日期：2023-07-15\n本报讯",
        "成都警方打掉一个跨境电诈团伙",
        "2023-07-15",
    ),
    (  # a navigation list, one short item a line
        "首页\n新闻\n警务公开\n办事服务\n互动交流\n深圳公安破获侵犯公民个人信息案\n来源:深圳特区报 2021-11-30 10:12\n",
        "深圳公安破获侵犯公民个人信息案",
        "2021-11-30",
    ),
    (
        "image001.jpg\nlogo.PNG\n微信截图_20240101.png\n济南市公安局开展夏季行动\n2022年8月3日 来源：济南日报\n",
        "济南市公安局开展夏季行动",
        "2022-08-03",
    ),
    (
        "您好!欢迎访问重庆市公安局网站\n网站首页 | 新闻中心 | 警务信息\n重庆警方通报一起网络诈骗案\n"
        "发布时间:2018年10月13日 16:05 作者:刘某 来源:华龙网\n",
        "重庆警方通报一起网络诈骗案",
        "2018-10-13",
    ),
    (
        "新闻中心\n通知公告\n警方破获“杀猪盘”诈骗案 涉案金额超千万元\n时间：2023-02-01\n",
        "警方破获“杀猪盘”诈骗案 涉案金额超千万元",
        "2023-02-01",
    ),
    ("警方提醒：警惕刷单返利诈骗\n2021年05月06日 浏览次数：120\n", "警方提醒：警惕刷单返利诈骗", "2021-05-06"),
    ("南宁警方：严打网络谣言\n3月5日，南宁市公安局召开发布会。", "南宁警方：严打网络谣言", None),  # no year: None
    (
        "Shanghai police bust online gambling ring\nBEIJING, Jan. 3, 2024 (Xinhua) -- Police said.",
        "Shanghai police bust online gambling ring",
        "2024-01-03",
    ),
    (
        "Home > News > China\nPolice crack 1,000 fraud cases in Hubei\nBy Zhang Wei | China Daily | Updated: 2023-06-07 09:15\n",
        "Police crack 1,000 fraud cases in Hubei",
        "2023-06-07",
    ),
    ("Police in Fujian detain 50 over online scams\nPublished: 12 September 2022\n",
     "Police in Fujian detain 50 over online scams", "2022-09-12"),
]


@pytest.mark.parametrize(("text", "title", "published"), PAGES)
def test_title_and_published(text: str, title: str, published: str | None) -> None:
    assert find_title(text) == title
    assert find_published(text) == published


def test_campaign_year_is_not_a_publication_date() -> None:
    assert find_published("深化“净网2023”专项行动\n警方破获案件12起。") is None


def test_input_title_and_date_are_kept() -> None:
    rec = Extractor().process(Article(id="a", text="首页 > 正文\n某标题行很长很长\n2024-01-02来源:某网", title="给定标题", published="2020-01-01"))
    assert (rec.title, rec.published) == ("给定标题", "2020-01-01")


def test_record_title_is_text_as_written() -> None:
    text = PAGES[0][0]
    rec = Extractor().extract(text)
    assert rec.title is not None and rec.title in text


def test_no_year_gives_no_published_in_the_record() -> None:
    rec = Extractor().extract("南宁警方：严打网络谣言\n3月5日，南宁市公安局召开发布会，今年以来破获案件20起。")
    assert rec.published is None


def test_jsonl_title_is_kept(tmp_path: Path) -> None:
    row = {"id": "j1", "title": "给定标题", "text": "首页 > 正文\n页面里的另一行标题\n2024-01-02来源:某网\n正文。"}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    (article,) = list(iter_articles([path]))
    assert isinstance(article, Article)
    rec = Extractor().process(article)
    assert (rec.title, rec.published) == ("给定标题", "2024-01-02")


def test_site_name_above_breadcrumb_is_not_the_title() -> None:
    text = "广西壮族自治区公安厅\n首页 > 警务资讯\n广西警方破获一批电信诈骗案件\n2020/09/18 来源:本站\n"
    assert find_title(text) == "广西警方破获一批电信诈骗案件"


def test_css_and_outlet_lines_are_no_headline() -> None:
    """CSS residue, an outlet's e-paper name and a player line are skipped; the headline stands before the timestamp."""
    text = (
        ".main .txt{ font-size: 16px; width: 75%; }\n南方日报 电子版\n视频加载中...\n"
        "广东警方破获跨境网络赌博案 抓获嫌疑人42名\n2023-05-06 10:12 来源：南方日报\n　　记者从广东省公安厅获悉。\n"
    )
    assert find_title(text) == "广东警方破获跨境网络赌博案 抓获嫌疑人42名"


def test_page_without_headline_has_none() -> None:
    """An aggregator page with only the outlet, a post stamp and body paragraphs has no title (SPEC section 2)."""
    text = "新浪新闻\n2022-03-01 08:00 杭州 新浪新闻官方账号\n关注\n近日，杭州市公安局破获一起虚假贷款诈骗案，涉案金额12万元。\n"
    assert find_title(text) is None


def test_en_headline_before_dateline_with_section_labels() -> None:
    """Section labels and bylines in English wire pages are skipped; the headline comes before the dateline."""
    text = (
        "Home / China / Society\nCHINA / SOCIETY\nGuangzhou police seize 300 SIM boxes in telecom fraud raid\n"
        "GUANGZHOU, May 9 (Xinhua) -- Police in Guangzhou have seized 300 SIM boxes.\n"
    )
    assert find_title(text) == "Guangzhou police seize 300 SIM boxes in telecom fraud raid"


@pytest.mark.parametrize("text", ["抓获犯罪嫌疑人5名。", "Police arrested 5 suspects.", "Police bust fraud gang in Hubei"])
def test_one_line_alone_is_the_text_not_a_headline(text: str) -> None:
    # A headline stands over a text; an input of one line (a sentence, a snippet) has none.
    assert find_title(text) is None


def test_the_same_line_over_a_text_is_its_headline() -> None:
    head = "Police bust fraud gang in Hubei"
    assert find_title(head + "\n\nPolice arrested 5 suspects in Wuhan on Monday, the city's police said.") == head
