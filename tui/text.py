"""Text shown in the terminal: Chinese line breaking."""

from __future__ import annotations

import re

from ssc_learn.course.textnorm import HAN_RE

_SPACE_BY_HAN = re.compile(
    r"(?<=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]) +| +(?=[\u3400-\u9fff\uff00-\uffef\u3000-\u303f])"
)


def cjk_wrap(text: str) -> str:
    """Chinese text for display, without the spaces the PDF put around numbers ("2019 年 3 月").

    Lines then break between characters, as Chinese typesetting does, instead of at those spaces,
    which left ragged half-empty lines. The stored text is not changed.
    """
    if not HAN_RE.search(text):
        return text
    text = _SPACE_BY_HAN.sub("", text)
    return text.replace("• ", "・")
