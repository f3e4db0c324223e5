"""`ssc-learn sheet`: printable quiz sheets, answer keys, and exports to Moodle and Kahoot."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.i18n import Translator, get_translator

FORMATS = ("md", "html", "pdf", "moodle-xml", "gift", "kahoot", "kahoot-csv")
# Formats holding one language per file: a bilingual request writes one file per language.
PER_LANGUAGE = {"moodle-xml": "questions{lang}.moodle.xml", "gift": "questions{lang}.gift"}


def register(
    sub: Any, t: Translator, common: argparse.ArgumentParser, as_json: argparse.ArgumentParser
) -> None:
    _ = t.gettext
    p = sub.add_parser(
        "sheet", parents=[as_json], help=_("printable quiz sheets with answer keys; Moodle and Kahoot")
    )
    p.add_argument(
        "--lang", default=argparse.SUPPRESS, help=_("one language, or two for a bilingual sheet: zh,en")
    )
    p.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    p.add_argument("--modules", metavar="IDS", help=_("comma-separated module ids (default: all)"))
    p.add_argument("--count", type=int, metavar="N", help=_("questions per sheet (default: all that match)"))
    p.add_argument("--types", metavar="TYPES", help=_("comma-separated question types"))
    p.add_argument("--variants", type=int, default=1, metavar="K", help=_("how many different sheets"))
    p.add_argument("--seed", default="1", help=_("the same seed gives the same sheets"))
    p.add_argument("--answers", action="store_true", help=_("also write each variant's answer key"))
    p.add_argument("--format", choices=FORMATS, required=True)
    p.add_argument("-o", "--output", required=True, metavar="DIR", help=_("folder to write into"))
    p.set_defaults(handler=cmd_sheet)


def cmd_sheet(args: argparse.Namespace, t: Translator) -> int:
    from ssc_learn.course import sheet_formats as fmt
    from ssc_learn.course.formats import Skipped
    from ssc_learn.course.sheets import build_sheets, key_document, parse_langs

    _ = t.gettext
    course = load_course()
    langs = parse_langs(
        getattr(args, "lang", None), course, t.lang if t.lang in course.bank.languages() else "zh"
    )
    ts = [get_translator(lang) for lang in langs]
    sheets = build_sheets(
        course,
        langs=langs,
        modules=_split(args.modules),
        count=args.count,
        types=_split(args.types),
        variants=args.variants,
        seed=args.seed,
    )
    files: dict[str, str | bytes] = {}
    skipped: list[Skipped] = []
    order = {m.id: i for i, m in enumerate(course.outline.modules)}
    # Each question once, shown as on its first sheet (so Kahoot's answers follow the seed's shuffle).
    first_seen: dict[str, Any] = {}
    for v in sheets.variants:
        for item in v.items:
            first_seen.setdefault(item.question.id, item)
    unique = sorted(first_seen.values(), key=lambda i: (order[i.question.module], i.question.id))
    if args.format == "md":
        for v in sheets.variants:
            files[f"sheet-v{v.number}.md"] = fmt.render_markdown(course, sheets, v, ts)
    elif args.format in ("html", "pdf"):
        page = fmt.render_html(course, sheets, ts)
        if args.format == "html":
            files["sheets.html"] = page
            if args.answers:
                files["keys.html"] = fmt.render_html(course, sheets, ts, keys=True)
    else:
        for lang, tl in zip(langs, ts):
            tag = f".{lang}" if len(langs) > 1 else ""
            items = []
            for item in unique:
                if lang == langs[0]:
                    items.append(item.presented)
                elif item.second is not None:
                    items.append(item.second)
                else:
                    skipped.append(Skipped(item.question.id, lang, "missing", (("lang", lang),)))
            questions = [p.question for p in items]
            if args.format == "moodle-xml":
                from ssc_learn.course.formats.moodle import render_moodle

                files[PER_LANGUAGE["moodle-xml"].format(lang=tag)], left = render_moodle(
                    course, questions, tl
                )
            elif args.format == "gift":
                from ssc_learn.course.formats.gift import render_gift

                files[PER_LANGUAGE["gift"].format(lang=tag)], left = render_gift(course, questions, tl)
            else:
                from ssc_learn.course.formats import kahoot

                rows, left = kahoot.kahoot_rows(items, tl, args.seed)
                if args.format == "kahoot":
                    files[f"kahoot{tag}.xlsx"] = kahoot.render_kahoot_xlsx(rows)
                else:
                    files[f"kahoot{tag}.csv"] = kahoot.render_kahoot_csv(rows)
            skipped += left
    if args.answers:
        for v in sheets.variants:
            files[f"key-v{v.number}.json"] = json.dumps(key_document(sheets, v), ensure_ascii=False, indent=2)
            if args.format == "md":
                files[f"key-v{v.number}.md"] = fmt.render_key_markdown(course, sheets, v, ts[0])
    written = _write_all(Path(args.output), files, args, course, sheets, ts)
    for note in sheets.notes:
        sys.stderr.write(note + "\n")
    for s in skipped:
        sys.stderr.write(
            _("skipped {question} ({lang}): {reason}").format(
                question=s.question, lang=s.lang, reason=s.message(t)
            )
            + "\n"
        )
    if args.json:
        print(
            json.dumps(
                {"written": written, "skipped": [s.as_dict(t) for s in skipped], "notes": sheets.notes},
                ensure_ascii=False,
            )
        )
    else:
        for path in written:
            sys.stdout.write(path + "\n")
    return 0


def _write_all(
    out: Path, files: dict[str, Any], args: argparse.Namespace, course: Any, sheets: Any, ts: list[Translator]
) -> list[str]:
    """Write every file, or none (PDFs are printed into the same staging folder)."""
    from ssc_learn.course.files import write_files

    def pdfs(staging: Path) -> None:
        if args.format != "pdf":
            return
        from ssc_learn.course import sheet_formats as fmt
        from ssc_learn.course.sheet_pdf import html_to_pdf

        html_to_pdf(fmt.render_html(course, sheets, ts), staging / "sheets.pdf")
        if args.answers:
            html_to_pdf(fmt.render_html(course, sheets, ts, keys=True), staging / "keys.pdf")

    return write_files(out, files, pdfs)


def _split(value: str | None) -> list[str] | None:
    return [x.strip() for x in value.split(",") if x.strip()] if value else None
