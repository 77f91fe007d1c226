"""Title and publication date from page layouts the corpus does not contain."""

from __future__ import annotations

import pytest

from extract import Article, Extractor
from extract.layout import find_published, find_title

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
