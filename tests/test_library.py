"""The library entry points: extract_text, Extractor.extract / .pipe, and add_pipe from user code."""

from __future__ import annotations

import spacy

from extract import Document, Extractor, extract_text
from extract.doc import records


def test_extract_text_returns_document_with_exact_offsets() -> None:
    text = "“净网2023”专项行动开展以来，抓获犯罪嫌疑人2693名，涉案金额15万余元。"
    doc = extract_text(text, doc_id="x")
    assert isinstance(doc, Document) and doc.id == "x" and doc.lang == "zh"
    for layer in (doc.quantities, doc.campaigns, doc.case_types, doc.entities):
        for item in layer:
            assert text[item.start : item.end] == item.text
    values = {q.text: q.value for q in doc.quantities}
    assert values["2693名"] == 2693
    assert values["15万余元"] == 150000
    assert doc.campaigns[0].canonical == "净网2023"


def test_pipeline_is_built_once_per_language() -> None:
    ex = Extractor()
    ex.extract("抓获犯罪嫌疑人12名。")
    first = ex.nlp("zh")
    ex.extract("抓获犯罪嫌疑人13名。")
    assert ex.nlp("zh") is first


def test_pipe_streams_in_order() -> None:
    ex = Extractor()
    docs = list(ex.pipe([("a", "抓获12名。"), ("b", "Police detained 4 suspects."), "破获案件3起。"]))
    assert [d.id for d in docs] == ["a", "b", "doc2"]
    assert [d.lang for d in docs] == ["zh", "en", "zh"]


def test_stages_plug_into_a_users_own_pipeline() -> None:
    import extract.pipeline  # noqa: F401  (registers the factories)

    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("extract_normalizer")
    nlp.add_pipe("extract_quantities", config={"lang": "zh"})
    doc = nlp("警方破获案件８起。")  # full-width digit: the normaliser lets the rule see it
    rows = records(doc, "quantities")
    assert len(rows) == 1 and rows[0]["value"] == 8 and rows[0]["text"] == "８起"
    assert doc.spans["quantities"][0].label_ == "case"


def test_a_batch_gives_what_documents_one_by_one_give() -> None:
    """``process_batch`` runs each stage over the whole batch; the records are those of ``process``."""
    from extract.extractor import Article

    page = "<html><body><h1>标题</h1><p>警方共抓获犯罪嫌疑人12名，涉案金额300万元。</p></body></html>"
    batch = [
        Article(id="zh", text="“净网2023”专项行动共侦破案件2494起，抓获犯罪嫌疑人2693名。", published="2023-12-01"),
        Article(id="en", text="Police arrested 120 suspects and seized $3 million in 2023."),
        Article(id="bad", text="文本", lang="xx"),  # no pipeline for 'xx': this one fails, alone
        Article(id="page", text=page),
        Article(id="zh2", text="今年以来，全省公安机关破获电信网络诈骗案件300余起。", published="2024-05-01"),
    ]
    ex = Extractor()
    results = ex.process_batch(batch)
    assert [getattr(r, "id", None) for r in results] == ["zh", "en", None, "page", "zh2"]
    assert isinstance(results[2], ValueError)
    for article, result in zip(batch, results, strict=True):
        if article.id == "bad":
            continue
        one = Extractor().process(article)
        assert result.model_dump() == one.model_dump()  # type: ignore[union-attr]
    assert list(ex.pipe(["抓获3人", "抓获4人"], batch_size=1)) and ex.process_batch([]) == []
