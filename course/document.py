"""The document model and the parser for UN-resolution-shaped texts.

A seed is plain text: a header (session, agenda item, title), a body line ("大会，"), preambular
paragraphs, numbered operative paragraphs, then an annex introduced by "## " headings with numbered
paragraphs and lettered sub-paragraphs. The parser turns it into an ordered list of paragraphs with
stable ids (`R0`, `R1`, `1`, `24(f)`) and repairs the artefacts of copying such a text out of a PDF,
reporting each repair so that nothing is reworded silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import N_, DocumentError, Phrase, Template
from .textnorm import HAN

_NUMBERED = re.compile(r"^(\d{1,3})\s*[.．、]\s*(.*)$")
_LETTERED = re.compile(r"^[(（]([a-z])[)）]\s*(.*)$")
_HEADING = re.compile(r"^#{1,6}\s+(.*)$")
_RULE = re.compile(r"^(-{3,}|\*{3,}|_{3,})$")
# A body line opens the resolution: "大会，", "The General Assembly,", "L'Assemblée générale,".
_BODY = re.compile(r"^(大会|.{0,12}(General Assembly|Asamblea General|Assemblée générale))\s*[，,:：]$")
# Compiled when a text is first parsed, not on import: the app loads its parsed course from a cache.
_STRAY_SPACE = rf"(?<=[{HAN}])[ \u3000]+(?=[{HAN}])"
_HALF_BRACKETS = rf"\(([^()（）]*[{HAN}][^()（）]*)\)"
_LATIN_IN_HAN = rf"(?<=[{HAN}])\s*([A-Za-z][A-Za-z'-]*)\s*(?=[{HAN}])"
_TERMINAL = tuple("。；：！？.;:!?…”’」』》")


@dataclass(frozen=True)
class Paragraph:
    """One addressable paragraph or sub-paragraph of a document."""

    id: str
    text: str
    parent: str | None = None
    part: str = "annex"
    line: int = 0


@dataclass(frozen=True)
class Repair:
    """Something the parser changed (or, with `changed=False`, only reports) in the raw text."""

    kind: str
    line: int
    detail: str
    paragraph: str | None = None
    changed: bool = True

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "paragraph": self.paragraph,
            "line": self.line,
            "detail": self.detail,
            "changed": self.changed,
        }


@dataclass(frozen=True)
class Document:
    """A parsed document: metadata, paragraphs in reading order, and the repairs made."""

    id: str
    lang: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    metadata: dict[str, str] = field(default_factory=dict)
    repairs: tuple[Repair, ...] = ()
    unofficial: bool = False
    notice: str = ""
    _index: dict[str, Paragraph] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {p.id: p for p in self.paragraphs})

    @property
    def ids(self) -> list[str]:
        return [p.id for p in self.paragraphs]

    def __contains__(self, pid: object) -> bool:
        return pid in self._index

    def __iter__(self) -> Iterator[Paragraph]:
        return iter(self.paragraphs)

    def get(self, pid: str) -> Paragraph | None:
        """The paragraph with this id, or None."""
        return self._index.get(pid)

    def children(self, pid: str) -> list[Paragraph]:
        """The lettered sub-paragraphs of paragraph `pid`, in order."""
        return [p for p in self.paragraphs if p.parent == pid]


def normalize_id(raw: str) -> str:
    """Canonical paragraph id from what a person types: '24 (f)', '２４（ｆ）', 'r1' → '24(f)', 'R1'."""
    import unicodedata

    s = unicodedata.normalize("NFKC", str(raw)).strip()
    s = re.sub(r"\s+", "", s)
    s = s.replace("（", "(").replace("）", ")")
    if s[:1] in "rR":
        s = "R" + s[1:]
    m = re.fullmatch(r"(\d{1,3})\(?([A-Za-z])\)?", s)
    if m:
        return f"{m.group(1)}({m.group(2).lower()})"
    return s


def read_seed(path: Path) -> str:
    """The text of a seed file, or a DocumentError naming the file if it is not UTF-8 text."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            N_("{path}: cannot read ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            N_("{path}: not UTF-8 text (invalid byte 0x{byte:02x} at offset {offset})"),
            path=path,
            byte=data[exc.start],
            offset=exc.start,
        ) from None


def parse_document(text: str, *, doc_id: str = "document", lang: str = "zh", source: str = "") -> Document:
    """Parse a UN-resolution-shaped text into a Document, or raise DocumentError.

    `source` names the file in error messages.
    """
    return _Parser(text, doc_id=doc_id, lang=lang, source=source or doc_id).parse()


def load_document(path: Path, *, lang: str = "zh") -> Document:
    """Read and parse a seed file."""
    return parse_document(read_seed(path), doc_id=path.stem, lang=lang, source=str(path))


@dataclass
class _Open:
    """A paragraph being assembled from one or more lines."""

    pid: str
    parent: str | None
    part: str
    line: int
    chunks: list[str]
    last_line: int
    join_lines: list[int] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str, *, doc_id: str, lang: str, source: str) -> None:
        self.text = text
        self.doc_id = doc_id
        self.lang = lang
        self.source = source
        self.repairs: list[Repair] = []
        self.header: list[str] = []
        self.headings: list[str] = []
        self.body_line = ""
        self.done: list[Paragraph] = []
        self.open: _Open | None = None

    def fail(self, line: int, problem: Template, **params: object) -> DocumentError:
        return DocumentError(
            N_("{source}:{line}: {problem}"), source=self.source, line=line, problem=Phrase(problem, **params)
        )

    def parse(self) -> Document:
        lines = self.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        self._note_whitespace(lines)
        part = "header"  # header → preamble → operative → annex
        numbers: dict[str, int] = {}  # last number seen per part
        letter_of: dict[str, str] = {}  # last letter seen per parent
        current_number: str | None = None
        blank_before = False
        for lineno, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line:
                blank_before = True
                continue
            if _RULE.match(line):
                self._close()
                self.repairs.append(Repair("closing_rule", lineno, f"removed the rule {line!r}"))
                blank_before = False
                continue
            heading = _HEADING.match(line)
            numbered = _NUMBERED.match(line)
            lettered = _LETTERED.match(line)
            if heading:
                self._close()
                self.headings.append(heading.group(1).strip())
                part = "annex"
                current_number = None
            elif part == "header":
                if _BODY.match(line):
                    self.body_line = line
                    part = "preamble"
                elif numbered:
                    part = "annex"  # a bare list of numbered paragraphs, no resolution around it
                    current_number = self._number(numbered, lineno, part, numbers)
                else:
                    self.header.append(line)
            elif numbered and (part in ("preamble", "operative", "annex")):
                if part == "preamble":
                    part = "operative"
                current_number = self._number(numbered, lineno, part, numbers)
            elif lettered and part in ("operative", "annex") and current_number is not None:
                self._letter(lettered, lineno, part, current_number, letter_of)
            elif lettered and part in ("operative", "annex"):
                raise self.fail(
                    lineno,
                    N_("sub-paragraph ({letter}) before any numbered paragraph"),
                    letter=lettered.group(1),
                )
            elif part == "preamble" and (self.open is None or self._complete(self.open)):
                self._close()
                n = len([p for p in self.done if p.part == "preamble"])
                self.open = _Open(f"R0.{n + 1}", None, "preamble", lineno, [line], lineno)
            elif self.open is not None and not self._complete(self.open):
                self._join(line, lineno, blank_before)
            else:
                if self.open:
                    raise self.fail(
                        lineno,
                        N_("unnumbered text after paragraph {id}: {text!r}"),
                        id=self.open.pid,
                        text=line[:30],
                    )
                raise self.fail(lineno, N_("unnumbered text outside any paragraph: {text!r}"), text=line[:30])
            blank_before = False
        self._close()
        return self._finish()

    def _number(self, m: re.Match[str], lineno: int, part: str, numbers: dict[str, int]) -> str:
        self._close()
        n = int(m.group(1))
        last = numbers.get(part, 0)
        label = "R" if part == "operative" else ""
        if n == last:
            raise self.fail(lineno, N_("paragraph {id} repeats"), id=f"{label}{n}")
        if n != last + 1:
            if n < last:
                raise self.fail(
                    lineno, N_("paragraph {id} comes after {last}"), id=f"{label}{n}", last=f"{label}{last}"
                )
            missing = f"{label}{last + 1}" if n == last + 2 else f"{label}{last + 1}–{label}{n - 1}"
            raise self.fail(
                lineno,
                N_("paragraph {id} follows {last} ({missing} missing)"),
                id=f"{label}{n}",
                last=f"{label}{last}",
                missing=missing,
            )
        numbers[part] = n
        pid = f"{label}{n}"
        self.open = _Open(pid, None, part, lineno, [m.group(2)], lineno)
        return pid

    def _letter(
        self, m: re.Match[str], lineno: int, part: str, parent: str, letter_of: dict[str, str]
    ) -> None:
        self._close()
        letter = m.group(1)
        last = letter_of.get(parent)
        expected = "a" if last is None else chr(ord(last) + 1)
        if letter == last:
            raise self.fail(lineno, N_("sub-paragraph {id} repeats"), id=f"{parent}({letter})")
        if letter != expected:
            here, missing = f"{parent}({letter})", f"{parent}({expected})"
            if last:
                raise self.fail(
                    lineno,
                    N_("sub-paragraph {id} follows {last} ({missing} missing)"),
                    id=here,
                    last=f"{parent}({last})",
                    missing=missing,
                )
            raise self.fail(
                lineno, N_("sub-paragraph {id} comes first ({missing} missing)"), id=here, missing=missing
            )
        letter_of[parent] = letter
        self.open = _Open(f"{parent}({letter})", parent, part, lineno, [m.group(2)], lineno)

    @staticmethod
    def _complete(p: _Open) -> bool:
        # Preambular paragraphs end with a comma ("回顾……，"), the others with a full stop or semicolon.
        ends = _TERMINAL + ("，", ",") if p.part == "preamble" else _TERMINAL
        return p.chunks[-1].rstrip().endswith(ends)

    def _join(self, line: str, lineno: int, across_blank: bool) -> None:
        assert self.open is not None
        prev = self.open.chunks[-1]
        kind = "page_break" if across_blank else "line_wrap"
        self.repairs.append(
            Repair(
                kind,
                lineno,
                f"joined {prev[-6:]!r} with {line[:6]!r} (line {self.open.last_line} and line {lineno})",
                self.open.pid,
            )
        )
        self.open.chunks.append(line)
        self.open.last_line = lineno
        self.open.join_lines.append(lineno)

    def _close(self) -> None:
        if self.open is None:
            return
        p, self.open = self.open, None
        text = ""
        starts: list[tuple[int, int]] = []  # (offset in text, source line) of each chunk
        for chunk, line in zip(p.chunks, [p.line, *p.join_lines]):
            glue = "" if (not text or _cjk_edge(text[-1]) or _cjk_edge(chunk[0])) else " "
            text += glue
            starts.append((len(text), line))
            text += chunk.strip()
        text = self._repair_text(text, p, starts)
        if not text:
            raise self.fail(p.line, N_("paragraph {id} is empty"), id=p.pid)
        self.done.append(Paragraph(p.pid, text, p.parent, p.part, p.line))

    def _repair_text(self, text: str, p: _Open, starts: list[tuple[int, int]]) -> str:
        def line_of(offset: int) -> int:
            return max((ln for off, ln in starts if off <= offset), default=p.line)

        for m in re.finditer(_STRAY_SPACE, text):
            before = text[max(0, m.start() - 1) : m.end() + 1]
            self.repairs.append(
                Repair(
                    "stray_space",
                    line_of(m.start()),
                    f"{before!r} → {before.replace(m.group(0), '')!r}",
                    p.pid,
                )
            )
        text = re.sub(_STRAY_SPACE, "", text)
        for m in re.finditer(_HALF_BRACKETS, text):
            self.repairs.append(
                Repair(
                    "bracket_width",
                    line_of(m.start()),
                    f"{m.group(0)!r} → '（{m.group(1)}）'",
                    p.pid,
                )
            )
        text = re.sub(_HALF_BRACKETS, r"（\1）", text)
        for m in re.finditer(_LATIN_IN_HAN, text):
            ctx = text[max(0, m.start() - 3) : m.end() + 3]
            self.repairs.append(
                Repair(
                    "stray_latin",
                    line_of(m.start()),
                    f"English word {m.group(1)!r} inside the Chinese text ({ctx!r}); kept as written",
                    p.pid,
                    changed=False,
                )
            )
        return text

    def _note_whitespace(self, lines: list[str]) -> None:
        trailing = [i for i, raw in enumerate(lines, 1) if raw != raw.rstrip()]
        if trailing:
            shown = ", ".join(map(str, trailing[:8])) + (" …" if len(trailing) > 8 else "")
            self.repairs.append(
                Repair(
                    "trailing_space",
                    trailing[0],
                    f"trailing spaces removed on {len(trailing)} line(s): {shown}",
                )
            )
        runs, run = 0, 0
        for raw in lines:
            if raw.strip():
                runs += run > 1
                run = 0
            else:
                run += 1
        if runs:
            self.repairs.append(
                Repair(
                    "blank_lines",
                    1,
                    f"{runs} run(s) of several blank lines read as one paragraph break",
                )
            )

    def _finish(self) -> Document:
        paragraphs = self.done
        if not any(p.part in ("operative", "annex") for p in paragraphs):
            raise DocumentError(N_("{source}: no numbered paragraphs found"), source=self.source)
        pre = [p for p in paragraphs if p.part == "preamble"]
        if len(pre) == 1:  # a single preambular paragraph is simply R0
            paragraphs = [
                Paragraph("R0", p.text, p.parent, p.part, p.line) if p is pre[0] else p for p in paragraphs
            ]
        metadata = _header_metadata(self.header)
        if self.body_line:
            metadata["body"] = self.body_line
        if self.headings:
            metadata["annex_heading"] = self.headings[0]
            if len(self.headings) > 1:
                metadata["annex_title"] = self.headings[1]
        title = metadata.get("title") or metadata.get("annex_title") or self.doc_id
        return Document(
            id=self.doc_id,
            lang=self.lang,
            title=title,
            paragraphs=tuple(paragraphs),
            metadata=metadata,
            repairs=tuple(sorted(self.repairs, key=lambda r: r.line)),
        )


def _cjk_edge(ch: str) -> bool:
    return bool(re.match(rf"[{HAN}\u3000-\u303f\uff00-\uffef]", ch))


def _header_metadata(header: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    rest: list[str] = []
    for i, line in enumerate(header):
        if re.search(r"第.+届会议|\bsession\b|período de sesiones|\bsession$", line, re.I):
            meta["session"] = line
        elif m := re.match(r"^(?:议程项目|Agenda item|Tema|Point)\s*(.+)$", line, re.I):
            meta["agenda_item"] = m.group(1).strip()
            if i + 1 < len(header):
                meta["agenda_title"] = header[i + 1]
        elif re.search(r"决议草案|draft resolution|proyecto de resolución|projet de résolution", line, re.I):
            meta["submitted_by"] = line
        else:
            rest.append(line)
    rest = [line for line in rest if line != meta.get("agenda_title")]
    if rest:
        meta["title"] = rest[-1]
    return meta
