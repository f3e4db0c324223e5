"""Renderers for quiz sheets: Markdown, print-ready HTML, Moodle XML, GIFT and Kahoot's spreadsheet."""

from __future__ import annotations

import html
import re

from .content import Course
from .i18n import N_, Translator
from .kinds import Kind
from .questions import Question
from .session import LETTERS
from .sheets import SheetItem, SheetSet, Variant, answer_for_key

WRITING_LINES = 2
LABELS = {
    "variant": N_("Variant"),
    "name": N_("Name"),
    "date": N_("Date"),
    "score": N_("Score"),
    "key": N_("Answer key"),
    "answer": N_("Answer"),
    "source": N_("Source paragraph"),
}


def _labels(t: Translator) -> dict[str, str]:
    """The words printed on sheets and keys, in the sheet's language (kept out of f-strings for pybabel)."""
    return {k: t.gettext(v) for k, v in LABELS.items()}


def _title(course: Course, sheets: SheetSet, lang: str) -> str:
    titles = [course.outline.require(m).title_in(lang).value for m in sheets.modules]
    return " · ".join(titles) if len(titles) <= 3 else course.document.title


def _instruction(q: Question, t: Translator) -> str:
    return {
        "choice": t.gettext("(circle one letter)"),
        "multi": t.gettext("(circle every letter that applies)"),
        "truefalse": t.gettext("(true or false)"),
        "order": t.gettext("(write the letters in the right order)"),
        "match": t.gettext("(write a letter next to each number)"),
        "cloze": t.gettext("(fill in each blank)"),
    }.get(q.type, "")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&!~])")


def md_escape(text: str) -> str:
    """Text shown as it is by a CommonMark renderer: its punctuation backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _em(text: str) -> str:
    return f"*{md_escape(text)}*" if text.strip() else ""


def _both(first: str, second: str | None) -> str:
    """A line's text in the first language, then the second in italics."""
    return md_escape(first) + (f" · {_em(second)}" if second else "")


def render_markdown(course: Course, sheets: SheetSet, variant: Variant, ts: list[Translator]) -> str:
    """One variant as CommonMark: each question a numbered item, its options and lines inside it."""
    t = ts[0]
    lb = _labels(t)
    out = [
        f"# {md_escape(_title(course, sheets, sheets.langs[0]))}",
        "",
        f"**{md_escape(lb['variant'])} {variant.number}**",
        "",
        f"{md_escape(lb['name'])}: \\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_\\_ "
        f"{md_escape(lb['date'])}: \\_\\_\\_\\_\\_\\_\\_\\_ "
        f"{md_escape(lb['score'])}: \\_\\_\\_\\_ / {len(variant.items)}",
        "",
    ]
    for item in variant.items:
        out += _item_md(item, ts)
    return "\n".join(out).rstrip("\n") + "\n"


def _item_md(item: SheetItem, ts: list[Translator]) -> list[str]:
    """One question as an ordered-list item; continuation lines are indented to its content column."""
    q = item.question
    p = item.presented
    s = item.second
    marker = f"{item.number}. "
    pad = " " * len(marker)
    head = f"{md_escape(q.prompt)} {md_escape(_instruction(q, ts[0]))}".rstrip()
    lines = [marker + head + ("\\" if s is not None else "")]
    if s is not None:
        lines.append(pad + _em(s.question.prompt))
    body: list[str] = []
    second_opts = s.options if s is not None else ()
    if q.type in (Kind.CHOICE, Kind.MULTI, Kind.ORDER):
        body += [
            f"- {LETTERS[i]}. {_both(c, second_opts[i] if i < len(second_opts) else None)}"
            for i, c in enumerate(p.options)
        ]
    elif q.type == Kind.MATCH:
        second_lefts = s.lefts if s is not None else ()
        # Two lists ("-" then "+"): the numbered terms, then the lettered descriptions.
        body += [
            f"- {i + 1}\\. {_both(a, second_lefts[i] if i < len(second_lefts) else None)} \\_\\_\\_\\_"
            for i, a in enumerate(p.lefts)
        ]
        body.append("")
        body += [
            f"+ {LETTERS[i]}. {_both(b, second_opts[i] if i < len(second_opts) else None)}"
            for i, b in enumerate(p.options)
        ]
    elif q.type == Kind.TRUEFALSE:
        for word in ("True", "False"):
            other = ts[1].gettext(word) if s is not None and len(ts) > 1 else None
            body.append(f"- ○ {_both(ts[0].gettext(word), other)}")
    elif q.type == Kind.CLOZE:
        body.append(md_escape(q.cloze_text("_____")))
        if s is not None:
            body += ["", _em(s.question.cloze_text("_____"))]
    if q.type in (Kind.TEXT, Kind.NUMBER, Kind.CLOZE):
        for _ in range(WRITING_LINES):
            body += ["", "\\_" * 40] if body else ["\\_" * 40]
    if body:
        lines.append("")
        lines += [pad + line if line else "" for line in body]
    lines.append("")
    return lines


def render_key_markdown(course: Course, sheets: SheetSet, variant: Variant, t: Translator) -> str:
    """A variant's key as a CommonMark numbered list (tables are not CommonMark)."""
    lb = _labels(t)
    out = [f"# {md_escape(lb['key'])} — {md_escape(lb['variant'])} {variant.number}", ""]
    for item in variant.items:
        answer = md_escape(_key_answer(item, t))
        source = md_escape(f"{lb['source']}: {', '.join(item.question.source)}")
        out.append(f"{item.number}. **{answer}** · {source}")
    return "\n".join(out) + "\n"


def _key_answer(item: SheetItem, t: Translator) -> str:
    if item.question.type == Kind.TRUEFALSE:
        return t.gettext("True") if item.question.answer else t.gettext("False")
    return answer_for_key(item.presented)


CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "Noto Sans", "DejaVu Sans", sans-serif; font-size: 11pt; line-height: 1.45; color: #000; }
h1 { font-size: 15pt; margin: 0 0 4mm; }
.meta { display: flex; gap: 8mm; margin-bottom: 6mm; }
.meta span { flex: 1; border-bottom: 1px solid #000; padding-top: 4mm; }
ol.questions > li { margin-bottom: 5mm; page-break-inside: avoid; }
.second { color: #333; font-style: italic; }
.options { list-style: none; padding-left: 4mm; margin: 1mm 0; }
.line { border-bottom: 1px solid #777; height: 7mm; }
.variant { page-break-after: always; }
.variant:last-child { page-break-after: auto; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; }
@media screen { body { max-width: 190mm; margin: 10mm auto; } }
"""


def render_html(course: Course, sheets: SheetSet, ts: list[Translator], keys: bool = False) -> str:
    """All variants (or their keys) in one print-ready A4 page, a page break between variants."""
    t = ts[0]
    lb = _labels(t)
    e = html.escape
    parts = [
        f'<!doctype html><html lang="{e(sheets.langs[0])}"><head><meta charset="utf-8">',
        f"<title>{e(_title(course, sheets, sheets.langs[0]))}</title><style>{CSS}</style></head><body>",
    ]
    for variant in sheets.variants:
        parts.append('<section class="variant">')
        head = lb["key"] if keys else _title(course, sheets, sheets.langs[0])
        parts.append(f"<h1>{e(head)} — {e(lb['variant'])} {variant.number}</h1>")
        if keys:
            parts.append(f"<table><tr><th>#</th><th>{e(lb['answer'])}</th><th>{e(lb['source'])}</th></tr>")
            for item in variant.items:
                parts.append(
                    f"<tr><td>{item.number}</td><td>{e(_key_answer(item, t))}</td>"
                    f"<td>{e(', '.join(item.question.source))}</td></tr>"
                )
            parts.append("</table></section>")
            continue
        parts.append(
            f'<div class="meta"><span>{e(lb["name"])}:</span><span>{e(lb["date"])}:</span>'
            f'<span>{e(lb["score"])}: &nbsp; / {len(variant.items)}</span></div><ol class="questions">'
        )
        for item in variant.items:
            parts.append(_item_html(item, t))
        parts.append("</ol></section>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _item_html(item: SheetItem, t: Translator) -> str:
    e = html.escape
    q = item.question
    p = item.presented
    out = [f"<li><div>{e(q.prompt)} <small>{e(_instruction(q, t))}</small></div>"]
    if item.second is not None:
        out.append(f'<div class="second">{e(item.second.question.prompt)}</div>')
    if q.type == Kind.CLOZE:
        out.append(f"<div>{e(q.cloze_text('______'))}</div>")
        if item.second is not None:
            out.append(f'<div class="second">{e(item.second.question.cloze_text("______"))}</div>')
    if q.type in (Kind.CHOICE, Kind.MULTI, Kind.ORDER):
        seconds = item.second.options if item.second is not None else ()
        out.append('<ul class="options">')
        for i, c in enumerate(p.options):
            extra = f' <span class="second">{e(seconds[i])}</span>' if i < len(seconds) else ""
            out.append(f"<li>{LETTERS[i]}. {e(c)}{extra}</li>")
        out.append("</ul>")
    if q.type == Kind.MATCH:
        s = item.second

        def second(values: tuple[str, ...], i: int) -> str:
            return f' <span class="second">{e(values[i])}</span>' if i < len(values) else ""

        lefts = s.lefts if s is not None else ()
        rights = s.options if s is not None else ()
        out.append(
            "<table><tr><td><ol>"
            + "".join(f"<li>{e(a)}{second(lefts, i)} ____</li>" for i, a in enumerate(p.lefts))
            + "</ol></td><td>"
            + "".join(f"<div>{LETTERS[i]}. {e(b)}{second(rights, i)}</div>" for i, b in enumerate(p.options))
            + "</td></tr></table>"
        )
    if q.type == Kind.TRUEFALSE:
        out.append(
            f'<ul class="options"><li>○ {e(t.gettext("True"))} &nbsp; ○ {e(t.gettext("False"))}</li></ul>'
        )
    if q.type in (Kind.TEXT, Kind.NUMBER, Kind.CLOZE):
        out.append('<div class="line"></div>' * WRITING_LINES)
    out.append("</li>")
    return "".join(out)
