"""`ssc-learn sheet`: printable quiz sheets, answer keys, and exports to Moodle and Kahoot."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ssc_learn.course.content import load_course
from ssc_learn.course.i18n import Translator, get_translator

FORMATS = ("md", "html", "pdf", "moodle-xml", "gift", "kahoot-csv")


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
    skipped: list[str] = []
    questions = [item.question for v in sheets.variants for item in v.items]
    order = {m.id: i for i, m in enumerate(course.outline.modules)}
    unique = sorted({q.id: q for q in questions}.values(), key=lambda q: (order[q.module], q.id))
    if args.format == "md":
        for v in sheets.variants:
            files[f"sheet-v{v.number}.md"] = fmt.render_markdown(course, sheets, v, ts)
    elif args.format in ("html", "pdf"):
        page = fmt.render_html(course, sheets, ts)
        if args.format == "html":
            files["sheets.html"] = page
            if args.answers:
                files["keys.html"] = fmt.render_html(course, sheets, ts, keys=True)
    elif args.format == "moodle-xml":
        files["questions.moodle.xml"], skipped = fmt.render_moodle(course, unique, ts[0])
    elif args.format == "gift":
        files["questions.gift"], skipped = fmt.render_gift(course, unique, ts[0])
    elif args.format == "kahoot-csv":
        files["kahoot.csv"], skipped = fmt.render_kahoot(unique, ts[0])
    if args.answers:
        for v in sheets.variants:
            files[f"key-v{v.number}.json"] = json.dumps(key_document(sheets, v), ensure_ascii=False, indent=2)
            if args.format == "md":
                files[f"key-v{v.number}.md"] = fmt.render_key_markdown(course, sheets, v, ts[0])
    written = _write_all(Path(args.output), files, args, course, sheets, ts)
    for note in sheets.notes:
        sys.stderr.write(note + "\n")
    if skipped:
        sys.stderr.write(
            _("skipped (no counterpart in this format, or over its length limits): {ids}").format(
                ids=", ".join(skipped)
            )
            + "\n"
        )
    if args.json:
        print(json.dumps({"written": written, "skipped": skipped, "notes": sheets.notes}, ensure_ascii=False))
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
