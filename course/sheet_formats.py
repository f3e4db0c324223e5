"""Renderers for quiz sheets: Markdown, print-ready HTML, Moodle XML, GIFT and Kahoot's spreadsheet."""

from __future__ import annotations

import csv
import html
import io
import re
from xml.sax.saxutils import escape as xml_escape

from .content import Course
from .i18n import N_, Translator
from .questions import Question
from .session import LETTERS, Presented
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
    titles = [course.outline.module(m).title_in(lang).value for m in sheets.modules]
    return " · ".join(titles) if len(titles) <= 3 else course.document.title


def _options_md(p: Presented) -> list[str]:
    q = p.question
    if q.type in ("choice", "multi"):
        return [f"   - {LETTERS[i]}. {c}" for i, c in enumerate(p.options)]
    if q.type == "order":
        return [f"   - {LETTERS[i]}. {c}" for i, c in enumerate(p.options)]
    if q.type == "match":
        lines = [f"   - {i + 1}. {a}" for i, a in enumerate(p.lefts)]
        return lines + [f"   - {LETTERS[i]}. {b}" for i, b in enumerate(p.options)]
    if q.type == "cloze":
        return ["   " + q.cloze_text("\\_\\_\\_\\_\\_")]
    return []


def _instruction(q: Question, t: Translator) -> str:
    return {
        "choice": t.gettext("(circle one letter)"),
        "multi": t.gettext("(circle every letter that applies)"),
        "truefalse": t.gettext("(true or false)"),
        "order": t.gettext("(write the letters in the right order)"),
        "match": t.gettext("(write a letter next to each number)"),
        "cloze": t.gettext("(fill in each blank)"),
    }.get(q.type, "")


def render_markdown(course: Course, sheets: SheetSet, variant: Variant, ts: list[Translator]) -> str:
    t = ts[0]
    lb = _labels(t)
    out = [
        f"# {_title(course, sheets, sheets.langs[0])}",
        "",
        f"**{lb['variant']} {variant.number}**",
        "",
        f"{lb['name']}: ______________________  {lb['date']}: ____________  "
        f"{lb['score']}: ______ / {len(variant.items)}",
        "",
    ]
    for item in variant.items:
        out += _item_md(item, ts)
    return "\n".join(out) + "\n"


def _item_md(item: SheetItem, ts: list[Translator]) -> list[str]:
    q = item.question
    lines = [f"{item.number}. {q.prompt} {_instruction(q, ts[0])}".rstrip()]
    if item.second is not None:
        lines.append(f"   *{item.second.question.prompt}*")
    lines += _options_md(item.presented)
    if item.second is not None and q.type == "cloze":
        lines.append("   *" + item.second.question.cloze_text("\\_\\_\\_\\_\\_") + "*")
    if item.second is not None and q.type in ("choice", "multi", "order"):
        lines += [f"     *{LETTERS[i]}. {c}*" for i, c in enumerate(item.second.options)]
    if q.type in ("text", "number", "cloze"):
        lines += ["", *["   ______________________________________________"] * WRITING_LINES]
    lines.append("")
    return lines


def render_key_markdown(course: Course, sheets: SheetSet, variant: Variant, t: Translator) -> str:
    lb = _labels(t)
    out = [
        f"# {lb['key']} — {lb['variant']} {variant.number}",
        "",
        f"| # | {lb['answer']} | {lb['source']} |",
        "| --- | --- | --- |",
    ]
    for item in variant.items:
        answer = _key_answer(item, t).replace("|", "\\|")
        out.append(f"| {item.number} | {answer} | {', '.join(item.question.source)} |")
    return "\n".join(out) + "\n"


def _key_answer(item: SheetItem, t: Translator) -> str:
    if item.question.type == "truefalse":
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
    if q.type == "cloze":
        out.append(f"<div>{e(q.cloze_text('______'))}</div>")
        if item.second is not None:
            out.append(f'<div class="second">{e(item.second.question.cloze_text("______"))}</div>')
    if q.type in ("choice", "multi", "order"):
        seconds = item.second.options if item.second is not None else ()
        out.append('<ul class="options">')
        for i, c in enumerate(p.options):
            extra = f' <span class="second">{e(seconds[i])}</span>' if i < len(seconds) else ""
            out.append(f"<li>{LETTERS[i]}. {e(c)}{extra}</li>")
        out.append("</ul>")
    if q.type == "match":
        out.append(
            "<table><tr><td><ol>"
            + "".join(f"<li>{e(a)} ____</li>" for a in p.lefts)
            + "</ol></td><td>"
            + "".join(f"<div>{LETTERS[i]}. {e(b)}</div>" for i, b in enumerate(p.options))
            + "</td></tr></table>"
        )
    if q.type == "truefalse":
        out.append(
            f'<ul class="options"><li>○ {e(t.gettext("True"))} &nbsp; ○ {e(t.gettext("False"))}</li></ul>'
        )
    if q.type in ("text", "number", "cloze"):
        out.append('<div class="line"></div>' * WRITING_LINES)
    out.append("</li>")
    return "".join(out)


# -- Moodle XML ------------------------------------------------------------------------------------


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _feedback(q: Question, t: Translator) -> str:
    source = t.gettext("Source: paragraph {ids}").format(ids=", ".join(q.source))
    return (q.explanation + "\n" + source).strip()


def render_moodle(course: Course, questions: list[Question], t: Translator) -> tuple[str, list[str]]:
    """Moodle XML (one category per module); returns the XML and the questions it could not express."""
    skipped: list[str] = []
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current = None
    for q in questions:
        if q.module != current:
            current = q.module
            title = course.outline.module(q.module).title_in(t.lang).value
            out.append(
                '  <question type="category"><category><text>'
                f"$course$/ssc-learn/{xml_escape(title)}</text></category></question>"
            )
        body = _moodle_question(q, t)
        if body is None:
            skipped.append(q.id)
            continue
        out.append(body)
    out.append("</quiz>")
    return "\n".join(out) + "\n", skipped


def _moodle_question(q: Question, t: Translator) -> str | None:
    name = f"<name><text>{xml_escape(q.id)}</text></name>"
    text = f'<questiontext format="html"><text>{_cdata(html.escape(q.prompt))}</text></questiontext>'
    general = (
        f'<generalfeedback format="html"><text>{_cdata(html.escape(_feedback(q, t)))}</text>'
        "</generalfeedback>"
    )

    def answer(fraction: float, value: str, feedback: str = "") -> str:
        fb = f"<feedback><text>{_cdata(feedback)}</text></feedback>" if feedback else ""
        return f'<answer fraction="{fraction:g}" format="html"><text>{_cdata(value)}</text>{fb}</answer>'

    if q.type == "choice":
        answers = "".join(answer(100 if c == q.answer else 0, html.escape(c)) for c in q.choices)
        return (
            f'  <question type="multichoice">{name}{text}{general}<single>true</single>'
            f"<shuffleanswers>true</shuffleanswers><answernumbering>abc</answernumbering>{answers}</question>"
        )
    if q.type == "multi":
        right = len(q.answers)
        wrong = len(q.choices) - right
        answers = "".join(
            answer(
                round(100 / right, 5) if c in q.answers else round(-100 / max(1, wrong), 5), html.escape(c)
            )
            for c in q.choices
        )
        return (
            f'  <question type="multichoice">{name}{text}{general}<single>false</single>'
            f"<shuffleanswers>true</shuffleanswers><answernumbering>abc</answernumbering>{answers}</question>"
        )
    if q.type == "truefalse":
        answers = answer(100 if q.answer else 0, "true") + answer(0 if q.answer else 100, "false")
        return f'  <question type="truefalse">{name}{text}{general}{answers}</question>'
    if q.type == "text" and q.answers:
        answers = "".join(answer(100, xml_escape(a)) for a in q.answers)
        return f'  <question type="shortanswer">{name}{text}{general}<usecase>0</usecase>{answers}</question>'
    if q.type == "number":
        tol = f"<tolerance>{q.tolerance:g}</tolerance>"
        value = f'<answer fraction="100"><text>{q.answer}</text>{tol}</answer>'
        return f'  <question type="numerical">{name}{text}{general}{value}</question>'
    if q.type == "match":
        subs = "".join(
            f'<subquestion format="html"><text>{_cdata(html.escape(a))}</text>'
            f"<answer><text>{xml_escape(b)}</text></answer></subquestion>"
            for a, b in q.pairs
        )
        return (
            f'  <question type="matching">{name}{text}{general}<shuffleanswers>true</shuffleanswers>'
            f"{subs}</question>"
        )
    if q.type == "cloze":

        def blank(m: re.Match[str]) -> str:
            alts = [a.strip() for a in m.group(1).split("|") if a.strip()]
            return "{1:SHORTANSWER:" + "~".join("=" + _cloze_escape(a) for a in alts) + "}"

        from .questions import BLANK

        embedded = BLANK.sub(blank, html.escape(q.text))
        prompt = _cdata(html.escape(q.prompt) + "<br>" + embedded)
        body = f'<questiontext format="html"><text>{prompt}</text></questiontext>'
        return f'  <question type="cloze">{name}{body}{general}</question>'
    return None


def _cloze_escape(text: str) -> str:
    return re.sub(r"([}#~/\"\\=])", r"\\\1", text)


# -- GIFT ------------------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    """GIFT's special characters escaped with a backslash."""
    return re.sub(r"([~=#{}:\\])", r"\\\1", text).replace("\n", " ")


def render_gift(course: Course, questions: list[Question], t: Translator) -> tuple[str, list[str]]:
    skipped: list[str] = []
    out: list[str] = []
    current = None
    for q in questions:
        if q.module != current:
            current = q.module
            title = course.outline.module(q.module).title_in(t.lang).value
            out += [f"$CATEGORY: ssc-learn/{title}", ""]
        body = _gift_question(q, t)
        if body is None:
            skipped.append(q.id)
            continue
        out += [body, ""]
    return "\n".join(out) + "\n", skipped


def _gift_question(q: Question, t: Translator) -> str | None:
    e = gift_escape
    head = f"::{e(q.id)}:: {e(q.prompt)} "
    fb = f" ####{e(_feedback(q, t))}"
    if q.type == "choice":
        opts = " ".join(("=" if c == q.answer else "~") + e(c) for c in q.choices)
        return head + "{" + opts + fb + "}"
    if q.type == "multi":
        right = len(q.answers)
        wrong = max(1, len(q.choices) - right)
        opts = " ".join(
            f"~%{_pct(100 / right)}%{e(c)}" if c in q.answers else f"~%-{_pct(100 / wrong)}%{e(c)}"
            for c in q.choices
        )
        return head + "{" + opts + fb + "}"
    if q.type == "truefalse":
        return head + "{" + ("TRUE" if q.answer else "FALSE") + fb + "}"
    if q.type == "text" and q.answers:
        return head + "{" + " ".join("=" + e(a) for a in q.answers) + fb + "}"
    if q.type == "number":
        return head + "{#" + f"{q.answer}:{q.tolerance:g}" + fb + "}"
    if q.type == "match":
        return head + "{" + " ".join(f"={e(a)} -> {e(b)}" for a, b in q.pairs) + fb + "}"
    if q.type == "cloze" and len(q.blanks) == 1:
        from .questions import BLANK

        m = BLANK.search(q.text)
        assert m is not None
        alts = " ".join("=" + e(a) for a in q.blanks[0])
        return (
            f"::{e(q.id)}:: {e(q.prompt)} {e(q.text[: m.start()])}"
            + "{"
            + alts
            + fb
            + "}"
            + e(q.text[m.end() :])
        )
    return None


def _pct(value: float) -> str:
    return f"{value:.5f}".rstrip("0").rstrip(".")


# -- Kahoot ----------------------------------------------------------------------------------------

KAHOOT_HEADER = [
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]


def render_kahoot(questions: list[Question], t: Translator, time_limit: int = 20) -> tuple[str, list[str]]:
    """Kahoot's spreadsheet template as CSV: choice and true/false questions that fit its limits."""
    skipped: list[str] = []
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(KAHOOT_HEADER)
    for q in questions:
        if q.type == "choice" and len(q.choices) <= 4:
            answers = list(q.choices)
            correct = [str(answers.index(q.answer) + 1)]
        elif q.type == "truefalse":
            answers = [t.gettext("True"), t.gettext("False")]
            correct = ["1" if q.answer else "2"]
        else:
            continue
        if len(q.prompt) > 120 or any(len(a) > 75 for a in answers):
            skipped.append(q.id)
            continue
        w.writerow([q.prompt, *answers, *[""] * (4 - len(answers)), time_limit, ",".join(correct)])
    return buf.getvalue(), skipped
