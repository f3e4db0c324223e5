"""The parser against the real seed, a synthetic document of the same shape, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from ssc_learn.course.document import load_document, normalize_id, parse_document
from ssc_learn.course.errors import DocumentError

from .conftest import SEED

SUBS = {"24": "abcdefghijklm", "27": "abcdefghij", "28": "abcdefg", "30": "abcde", "31": "abcd"}


@pytest.fixture(scope="module")
def doc():
    return load_document(SEED)


def test_ids_in_reading_order(doc):
    expected = ["R0", "R1", "R2"]
    for n in range(1, 38):
        expected.append(str(n))
        expected += [f"{n}({c})" for c in SUBS.get(str(n), "")]
    assert doc.ids == expected
    assert sum(1 for p in doc if p.part == "annex" and not p.parent) == 37
    assert sum(1 for p in doc if p.parent) == 39


def test_sub_paragraphs_have_parents_and_chapeaux_stay(doc):
    assert doc.get("24(f)").parent == "24"
    assert doc.get("24").text.endswith("我们：")
    assert doc.children("31") == [doc.get(f"31({c})") for c in "abcd"]


def test_header_is_metadata_not_paragraphs(doc):
    assert doc.title == "第二次联合国南南合作高级别会议布宜诺斯艾利斯成果文件"
    assert doc.metadata["session"] == "第七十三届会议"
    assert doc.metadata["agenda_item"] == "25(b)"
    assert doc.metadata["agenda_title"] == "南南合作促进发展"
    assert doc.metadata["body"] == "大会，"
    assert doc.metadata["annex_heading"] == "附件"
    assert not any("大会，" == p.text for p in doc)


def test_texts(doc):
    assert doc.get("R0").text.startswith("回顾其 2017 年 8 月 28 日第 71/318 号决议")
    assert doc.get("R2").text == "认可本决议附件所载的第二次联合国南南合作高级别会议布宜诺斯艾利斯成果文件。"
    assert doc.get("10").text == "我们强调，南南合作不能替代南北合作，而是南北合作的补充。"
    assert doc.get("37").text.endswith("给予我们热情款待。")


def test_page_break_joined(doc):
    text = doc.get("24(h)").text
    assert "在技术开发方面开展更广泛的南南合作" in text
    assert text.endswith("普及这些技术；")


def test_stray_space_repaired(doc):
    assert "最大限度地发挥三方合作项目的影响，" in doc.get("28(e)").text
    assert "影 响" not in doc.get("28(e)").text


def test_stray_english_reported_not_rewritten(doc):
    assert "生产者 and 用户" in doc.get("24(h)").text
    latin = [r for r in doc.repairs if r.kind == "stray_latin"]
    assert len(latin) == 1 and latin[0].paragraph == "24(h)" and not latin[0].changed
    assert "'and'" in latin[0].detail


def test_every_repair_reported(doc):
    kinds = {r.kind for r in doc.repairs}
    assert {
        "page_break",
        "stray_space",
        "stray_latin",
        "trailing_space",
        "closing_rule",
        "bracket_width",
        "blank_lines",
    } <= kinds
    page = next(r for r in doc.repairs if r.kind == "page_break")
    assert (page.paragraph, page.line) == ("24(h)", 73)
    assert "（开发署）" in doc.get("27(g)").text


SYNTHETIC = """\
Seventy-ninth session
Agenda item 7
Ocean cooperation

Draft resolution submitted by the President of the General Assembly

Second Ocean Conference outcome

The General Assembly,

Recalling its earlier work,

Noting the progress made,

1. Welcomes the conference;

2. Endorses the outcome annexed to the present resolution.

## Annex

## Outcome of the Second Ocean Conference

1. We meet in Lisbon.
2. We commit to act:

(a) on plastics;

(b) on fisheries, including the
regulation of catches;

3. We will meet again in 2030.
"""


def test_synthetic_document_of_the_same_shape():
    doc = parse_document(SYNTHETIC, doc_id="ocean", lang="en")
    assert doc.ids == ["R0.1", "R0.2", "R1", "R2", "1", "2", "2(a)", "2(b)", "3"]
    assert doc.title == "Second Ocean Conference outcome"
    assert doc.metadata["session"] == "Seventy-ninth session"
    assert doc.metadata["agenda_item"] == "7"
    assert doc.metadata["annex_title"] == "Outcome of the Second Ocean Conference"
    assert doc.get("2(b)").text == "on fisheries, including the regulation of catches;"
    assert any(r.kind == "line_wrap" and r.paragraph == "2(b)" for r in doc.repairs)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Title\n\nsome text without numbers\n", "no numbered paragraphs"),
        ("## Annex\n\n1. One.\n2. Two.\n2. Again.\n", "paragraph 2 repeats"),
        ("## Annex\n\n1. One.\n2. Two.\n4. Four.\n", "paragraph 4 follows 2 (3 missing)"),
        ("## Annex\n\n1. One:\n(a) x;\n(c) y;\n", "sub-paragraph 1(c) follows 1(a) (1(b) missing)"),
        ("## Annex\n\n1. One:\n(a) x;\n(a) y;\n", "sub-paragraph 1(a) repeats"),
        ("## Annex\n\n1. One:\n(b) x;\n", "1(b) comes first"),
        ("## Annex\n\n(a) x;\n", "before any numbered paragraph"),
    ],
)
def test_bad_documents(text: str, message: str):
    with pytest.raises(DocumentError) as err:
        parse_document(text, source="bad.txt")
    assert message in str(err.value)
    assert str(err.value).startswith("bad.txt")


def test_not_utf8(tmp_path: Path):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("南南合作".encode("gbk"))
    with pytest.raises(DocumentError, match="not UTF-8"):
        load_document(bad)


def test_error_names_the_line():
    with pytest.raises(DocumentError, match=r"^x.txt:5: paragraph 3 follows 1"):
        parse_document("## A\n\n1. One.\n\n3. Three.\n", source="x.txt")


@pytest.mark.parametrize(
    ("raw", "pid"),
    [
        ("24 (f)", "24(f)"),
        ("２４（ｆ）", "24(f)"),
        ("24f", "24(f)"),
        ("r1", "R1"),
        ("10", "10"),
        ("27(G)", "27(g)"),
    ],
)
def test_normalize_id(raw: str, pid: str):
    assert normalize_id(raw) == pid
