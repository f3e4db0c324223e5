"""Question banks: the YAML format of `docs/quiz-format.md`, loaded into dataclasses and validated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import N_, ContentError
from .kinds import Kind, unreachable
from .yamlio import line_of, load_yaml

if TYPE_CHECKING:
    from .content import Course

AnswerValue = str | bool | int | float | None
TYPES = tuple(k.value for k in Kind)
BLANK = re.compile(r"\[\[(.+?)\]\]")


@dataclass(frozen=True)
class Question:
    """One question of a bank, in one language."""

    id: str
    type: Kind
    prompt: str
    source: tuple[str, ...]
    lang: str
    module: str
    explanation: str = ""
    hint: str = ""
    tags: tuple[str, ...] = ()
    difficulty: int = 1
    level: str = ""  # remember | understand | apply | analyse (docs/blueprint.md)
    answers: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    reject: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    answer: AnswerValue = None  # choice: the right choice; truefalse: a bool; number: the number
    tolerance: float = 0.0
    unit: str = ""
    text: str = ""
    items: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    shuffle: bool = True
    file: str = ""
    line: int = 0
    # The accepted answers of the same question in the bank's other languages (text: one tuple; cloze:
    # one per blank), so a reply typed in another course language is still understood.
    other_answers: tuple[tuple[str, ...], ...] = ()

    @property
    def blanks(self) -> list[list[str]]:
        """For a cloze: the accepted answers of each blank, in order."""
        return [
            [alt.strip() for alt in m.group(1).split("|") if alt.strip()] for m in BLANK.finditer(self.text)
        ]

    def cloze_text(self, marker: str = "＿＿＿") -> str:
        """The cloze sentence with numbered gaps: '…替代 ＿＿＿(1)，…'."""
        count = iter(range(1, 1000))
        return BLANK.sub(lambda _m: f"{marker}({next(count)})", self.text)

    def solution(self) -> str:
        """The right answer as one line of text, for feedback and answer keys."""
        kind = self.type
        match kind:
            case Kind.TEXT:
                return self.answers[0] if self.answers else "、".join(self.keywords)
            case Kind.CHOICE:
                return str(self.answer)
            case Kind.MULTI:
                return "; ".join(self.answers)
            case Kind.TRUEFALSE:
                return "true" if self.answer else "false"
            case Kind.CLOZE:
                return " / ".join(b[0] for b in self.blanks)
            case Kind.NUMBER:
                return f"{_fmt_number(self.answer)}{self.unit}"
            case Kind.ORDER:
                return " → ".join(self.items)
            case Kind.MATCH:
                return "; ".join(f"{a} – {b}" for a, b in self.pairs)
            case _:
                unreachable(kind)


def _fmt_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Bank:
    """Every question of the course, by language and id, in file order."""

    questions: dict[str, dict[str, Question]] = field(default_factory=dict)  # lang → id → question
    problems: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def languages(self) -> list[str]:
        return list(self.questions)

    def get(self, qid: str, lang: str) -> Question | None:
        return self.questions.get(lang, {}).get(qid)

    def find(self, qid: str, lang: str | None = None) -> Question | None:
        """A question by id, in `lang` if it exists there, else in any language."""
        if lang and (q := self.get(qid, lang)):
            return q
        return next((by_id[qid] for by_id in self.questions.values() if qid in by_id), None)

    def for_module(self, module: str, lang: str, fallback: str = "zh") -> tuple[list[Question], bool]:
        """A module's questions in `lang`, or in `fallback` (second value True) when it has none."""
        found = [q for q in self.questions.get(lang, {}).values() if q.module == module]
        if found or lang == fallback:
            return found, False
        return [q for q in self.questions.get(fallback, {}).values() if q.module == module], True

    def all(self, lang: str) -> list[Question]:
        return list(self.questions.get(lang, {}).values())


def _strs(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return (str(value),)
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return ()


def parse_question(
    raw: dict[str, Any], *, lang: str, module: str, file: str
) -> tuple[Question | None, list[str]]:
    """A Question from one YAML mapping, with the problems in it (file:line: question id: …)."""
    line = line_of(raw)
    qid = str(raw.get("id") or "").strip()
    where = f"{file}:{line}: question {qid or '(no id)'}"
    errors: list[str] = []
    if not qid:
        errors.append(f"{where}: 'id' is missing")
    qtype = str(raw.get("type") or "")
    if qtype not in TYPES:
        errors.append(f"{where}: unknown type {qtype!r} (one of {', '.join(TYPES)})")
        return None, errors
    prompt = str(raw.get("prompt") or "").strip()
    if not prompt:
        errors.append(f"{where}: 'prompt' is missing")
    source = _strs(raw.get("source"))
    if not source:
        errors.append(f"{where}: 'source' must list at least one paragraph id")
    try:
        difficulty = int(raw.get("difficulty", 1))
    except (TypeError, ValueError):
        errors.append(f"{where}: 'difficulty' must be 1, 2 or 3")
        difficulty = 1
    pairs: list[tuple[str, str]] = []
    for pair in raw.get("pairs") or []:
        if isinstance(pair, list) and len(pair) == 2:
            pairs.append((str(pair[0]).strip(), str(pair[1]).strip()))
        elif isinstance(pair, dict) and len(pair) == 1:
            ((k, v),) = pair.items()
            pairs.append((str(k).strip(), str(v).strip()))
        else:
            errors.append(f"{where}: each pair is [term, description]")
    answer = raw.get("answer")
    q = Question(
        id=qid,
        type=Kind(qtype),
        prompt=prompt,
        source=source,
        lang=str(raw.get("lang") or lang),
        module=module,
        explanation=str(raw.get("explanation") or "").strip(),
        hint=str(raw.get("hint") or "").strip(),
        tags=_strs(raw.get("tags")),
        difficulty=difficulty,
        level=str(raw.get("level") or "").strip(),
        answers=_strs(raw.get("answers")),
        keywords=_strs(raw.get("keywords")),
        reject=_strs(raw.get("reject")),
        choices=_strs(raw.get("choices")),
        answer=answer.strip() if isinstance(answer, str) else answer,
        tolerance=float(raw.get("tolerance") or 0),
        unit=str(raw.get("unit") or ""),
        text=str(raw.get("text") or "").strip(),
        items=_strs(raw.get("items")),
        pairs=tuple(pairs),
        shuffle=bool(raw.get("shuffle", True)),
        file=file,
        line=line,
    )
    errors += _type_problems(q, where)
    return q, errors


def _type_problems(q: Question, where: str) -> list[str]:
    errs: list[str] = []
    if q.type == Kind.TEXT:
        if not q.answers and not q.keywords:
            errs.append(f"{where}: a text question needs 'answers' (or 'keywords')")
        clash = set(q.answers) & set(q.reject)
        if clash:
            errs.append(f"{where}: {sorted(clash)[0]!r} is both accepted and rejected")
    elif q.type in (Kind.CHOICE, Kind.MULTI):
        if len(q.choices) < 2:
            errs.append(f"{where}: needs at least 2 'choices'")
        if len(set(q.choices)) != len(q.choices):
            errs.append(f"{where}: the choices repeat")
        right = [str(q.answer)] if q.type == Kind.CHOICE else list(q.answers)
        if q.type == Kind.CHOICE and q.answer in (None, ""):
            errs.append(f"{where}: 'answer' is missing")
        elif q.type == Kind.MULTI and not q.answers:
            errs.append(f"{where}: 'answers' is missing")
        for r in right:
            if r and r not in q.choices:
                errs.append(f"{where}: answer {r!r} is not among the choices")
    elif q.type == Kind.TRUEFALSE:
        if not isinstance(q.answer, bool):
            errs.append(f"{where}: 'answer' must be true or false")
    elif q.type == Kind.CLOZE:
        blanks = q.blanks
        if not blanks:
            errs.append(f"{where}: the cloze 'text' has no [[blank]]")
        if any(not b for b in blanks):
            errs.append(f"{where}: a blank is empty")
    elif q.type == Kind.NUMBER:
        if isinstance(q.answer, bool) or not isinstance(q.answer, (int, float)):
            errs.append(f"{where}: 'answer' must be a number")
    elif q.type == Kind.ORDER:
        if len(q.items) < 3:
            errs.append(f"{where}: an order question needs at least 3 'items'")
        if len(set(q.items)) != len(q.items):
            errs.append(f"{where}: the items repeat")
    elif q.type == Kind.MATCH:
        if len(q.pairs) < 3:
            errs.append(f"{where}: a match question needs at least 3 'pairs'")
        if len({a for a, _ in q.pairs}) != len(q.pairs) or len({b for _, b in q.pairs}) != len(q.pairs):
            errs.append(f"{where}: the pairs repeat a term or a description")
    return errs


def load_bank_file(
    path: Path, known_modules: set[str] | None = None, known_ids: set[str] | None = None
) -> tuple[list[Question], list[str]]:
    """The questions of one bank file, with every problem found (file:line: …)."""
    data = load_yaml(path)
    errors: list[str] = []
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise ContentError(
            N_("{path}:1: a bank is a mapping with 'lang', 'module' and a 'questions' list"), path=path
        )
    lang = str(data.get("lang") or path.parent.name)
    module = str(data.get("module") or path.stem)
    if known_modules is not None and module not in known_modules:
        errors.append(f"{path}:{line_of(data)}: unknown module {module!r}")
    out: list[Question] = []
    for raw in data["questions"]:
        if not isinstance(raw, dict):
            errors.append(f"{path}:{line_of(data['questions'])}: each question is a mapping")
            continue
        q, errs = parse_question(raw, lang=lang, module=module, file=str(path))
        errors += errs
        if q is None:
            continue
        if known_ids is not None:
            for pid in q.source:
                if pid not in known_ids:
                    errors.append(f"{path}:{q.line}: question {q.id}: unknown paragraph id {pid!r}")
        out.append(q)
    return out, errors


def load_banks(root: Path, course: Course | None = None) -> Bank:
    """Every bank under `root` (`<lang>/<module>.yaml`), with the problems found kept on the Bank."""
    bank = Bank()
    modules = {m.id for m in course.outline.modules} if course else None
    ids = set(course.document.ids) if course else None
    for path in sorted(root.glob("*/*.yaml")):
        questions, errors = load_bank_file(path, modules, ids)
        bank.files.append(path)
        bank.problems += errors
        for q in questions:
            by_id = bank.questions.setdefault(q.lang, {})
            if q.id in by_id:
                first = by_id[q.id]
                bank.problems.append(
                    f"{path}:{q.line}: question id {q.id!r} repeats ({first.file}:{first.line})"
                )
                continue
            by_id[q.id] = q
    _link_versions(bank)
    return bank


def _link_versions(bank: Bank) -> None:
    """Give each text and cloze question the accepted answers of its versions in the other languages."""
    from dataclasses import replace

    for lang, by_id in bank.questions.items():
        for qid, q in by_id.items():
            others = [v[qid] for other, v in bank.questions.items() if other != lang and qid in v]
            others = [o for o in others if o.type == q.type]
            if q.type == Kind.TEXT:
                seen = set(q.answers)
                alt = tuple(dict.fromkeys(a for o in others for a in o.answers if a not in seen))
                by_id[qid] = replace(q, other_answers=(alt,))
            elif q.type == Kind.CLOZE:
                blanks = q.blanks
                per = []
                for i, mine in enumerate(blanks):
                    alts = [a for o in others if len(o.blanks) == len(blanks) for a in o.blanks[i]]
                    per.append(tuple(dict.fromkeys(a for a in alts if a not in mine)))
                by_id[qid] = replace(q, other_answers=tuple(per))


def load_single_bank(path: Path) -> dict[str, Question]:
    """One bank file as a mapping id → question; any problem in it is raised as ContentError."""
    questions, errors = load_bank_file(path)
    if errors:
        raise ContentError.first_of(errors)
    return {q.id: q for q in questions}
