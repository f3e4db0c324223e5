"""Moodle XML, built with ElementTree so every text is escaped exactly once.

Text fields marked `format="html"` hold HTML (the question's characters HTML-escaped, apostrophes and
quotes left as they are); answer fields without a format hold plain text. Cloze answers are embedded in
the question's HTML and follow Moodle's multianswer parser (`qtype_multianswer_extract_question`): it
HTML-decodes each answer and then un-escapes only `\\}` and `\\#`, and it ends an answer at `~`, `#` or
`}` unless a backslash or `&` precedes it; so `}` and `#` get a backslash, `~` becomes `&#126;`, and
nothing else is escaped.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from ..content import Course
from ..i18n import Translator
from ..kinds import Kind
from ..questions import BLANK, Question
from . import Skipped

SUPPORTED = ("choice", "multi", "truefalse", "text", "number", "match", "cloze", "order")


def _html(text: str) -> str:
    return html.escape(text, quote=False)


def cloze_answer(text: str) -> str:
    """One cloze answer as Moodle's multianswer parser reads it back to `text`."""
    return _html(text).replace("}", "\\}").replace("#", "\\#").replace("~", "&#126;")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = text
    return el


def _text(parent: ET.Element, tag: str, value: str, fmt: str | None = None) -> ET.Element:
    el = _sub(parent, tag, **({"format": fmt} if fmt else {}))
    _sub(el, "text", value)
    return el


def _feedback(q: Question, t: Translator) -> str:
    source = t.gettext("Source: paragraph {ids}").format(ids=", ".join(q.source))
    return (q.explanation + "\n" + source).strip()


def _pct(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def render_moodle(course: Course, questions: list[Question], t: Translator) -> tuple[str, list[Skipped]]:
    """Moodle XML (one category per module); returns the XML and the questions it could not express."""
    root = ET.Element("quiz")
    skipped: list[Skipped] = []
    current = None
    for q in questions:
        if q.type not in SUPPORTED:
            skipped.append(Skipped(q.id, q.lang, "type", (("type", str(q.type)),)))
            continue
        if q.type == Kind.TEXT and not q.answers:
            skipped.append(Skipped(q.id, q.lang, "no-answers"))
            continue
        if q.module != current:
            current = q.module
            title = course.outline.require(q.module).title_in(t.lang).value
            cat = _sub(root, "question", type="category")
            _text(cat, "category", f"$course$/ssc-learn/{title}")
        _question(root, q, t)
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n", skipped


def _question(root: ET.Element, q: Question, t: Translator) -> None:
    kind = {
        "choice": "multichoice",
        "multi": "multichoice",
        "truefalse": "truefalse",
        "text": "shortanswer",
        "number": "numerical",
        "match": "matching",
        "cloze": "cloze",
        "order": "ordering",
    }[q.type]
    el = _sub(root, "question", type=kind)
    _text(el, "name", q.id)
    if q.type == Kind.CLOZE:
        # BLANK has one group, so split() alternates text and a blank's answers.
        pieces = BLANK.split(q.text)
        embedded = "".join(_html(p) if i % 2 == 0 else _cloze_blank(p) for i, p in enumerate(pieces))
        _text(el, "questiontext", _html(q.prompt) + "<br>" + embedded, "html")
    else:
        _text(el, "questiontext", _html(q.prompt), "html")
    _text(el, "generalfeedback", _html(_feedback(q, t)), "html")
    _sub(el, "defaultgrade", "1")

    def answer(fraction: float, value: str, fmt: str | None = "html") -> ET.Element:
        attrs = {"fraction": _pct(fraction)}
        if fmt:
            attrs["format"] = fmt
        a = _sub(el, "answer", **attrs)
        _sub(a, "text", value)
        return a

    if q.type in (Kind.CHOICE, Kind.MULTI):
        _sub(el, "single", "true" if q.type == Kind.CHOICE else "false")
        _sub(el, "shuffleanswers", "true" if q.shuffle else "false")
        _sub(el, "answernumbering", "abc")
        right = [c for c in q.choices if (c == q.answer if q.type == Kind.CHOICE else c in q.answers)]
        wrong = len(q.choices) - len(right)
        for c in q.choices:
            if c in right:
                answer(100 / len(right), _html(c))
            else:
                answer(0 if q.type == Kind.CHOICE else -100 / max(1, wrong), _html(c))
    elif q.type == Kind.TRUEFALSE:
        answer(100 if q.answer else 0, "true", "moodle_auto_format")
        answer(0 if q.answer else 100, "false", "moodle_auto_format")
    elif q.type == Kind.TEXT:
        _sub(el, "usecase", "0")
        for a in q.answers:
            answer(100, a, None)
    elif q.type == Kind.NUMBER:
        number = answer(100, f"{q.answer}", None)
        _sub(number, "tolerance", f"{q.tolerance:g}")
    elif q.type == Kind.MATCH:
        _sub(el, "shuffleanswers", "true")
        for left, right_text in q.pairs:
            s = _text(el, "subquestion", _html(left), "html")
            _text(s, "answer", right_text)
    elif q.type == Kind.ORDER:
        # Moodle 4.4+ core `ordering`: answers in the right order, the fraction is the position.
        _sub(el, "layouttype", "VERTICAL")
        _sub(el, "selecttype", "ALL")
        _sub(el, "selectcount", "0")
        _sub(el, "gradingtype", "ABSOLUTE_POSITION")
        _sub(el, "showgrading", "SHOW")
        _sub(el, "numberingstyle", "abc")
        for i, item in enumerate(q.items, start=1):
            answer(i, _html(item))


def _cloze_blank(inner: str) -> str:
    """One `[[a|b]]` blank as an embedded short answer accepting each alternative."""
    alts = [a.strip() for a in inner.split("|") if a.strip()]
    return "{1:SHORTANSWER:" + "~".join("=" + cloze_answer(a) for a in alts) + "}"
