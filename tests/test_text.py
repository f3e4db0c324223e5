"""Line breaking for the terminal: Chinese punctuation rules on the real document, and widths always kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from ssc_learn.tui.text import CLOSING, OPENING, cjk_wrap, fold


@pytest.mark.parametrize("width", [16, 23, 40, 57, 76])
def test_no_line_of_the_document_starts_with_a_stop_or_ends_with_an_opening_bracket(course, width):
    for lang in ("zh", "en"):
        for para in course.edition(lang):
            lines = fold(Text(cjk_wrap(para.text)), width).plain.split("\n")
            assert all(cell_len(line) <= width for line in lines), (para.id, width)
            for before, line in zip(lines, lines[1:]):
                assert line[:1] not in CLOSING, (para.id, width, before, line)
            assert all(line[-1:] not in OPENING for line in lines), (para.id, width)


def test_latin_words_are_not_split_and_styles_survive():
    text = Text("We stress that South-South cooperation is not a substitute")
    text.stylize("bold", 15, 38)  # "South-South cooperation"
    out = fold(text, 24)
    assert out.plain.split("\n") == ["We stress that", "South-South cooperation", "is not a substitute"]
    bold = [out.plain[s.start : s.end] for s in out.spans if s.style == "bold"]
    assert "".join(bold).replace("\n", " ") == "South-South cooperation"


def test_chinese_breaks_between_characters_keeping_punctuation_with_its_word():
    out = fold(Text("并回顾《巴黎协定》。南南合作"), 8).plain.split("\n")
    assert out == ["并回顾", "《巴黎协", "定》。南", "南合作"]


pieces = st.sampled_from(
    [
        "南",
        "合作",
        "，",
        "。",
        "《",
        "》",
        "“",
        "”",
        "（",
        "）",
        "……",
        "——",
        "word",
        " ",
        "  ",
        "2019",
        "x" * 30,
        "\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=60), st.integers(min_value=1, max_value=90))
def test_every_line_fits_and_nothing_but_spaces_is_lost(parts, width):
    source = "".join(parts)
    out = fold(Text(source), width).plain
    assert all(cell_len(line) <= max(width, 2) for line in out.split("\n"))
    assert out.replace("\n", "").replace(" ", "") == source.replace("\n", "").replace(" ", "")
