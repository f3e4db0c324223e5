"""A live workshop round: the facilitator's host asks, participants' devices answer (pure logic, no I/O).

`Round` is the state machine the network layer (`live_net.py`) and the interfaces drive:

    lobby ──start()──▶ question ──close()──▶ reveal ──advance()──▶ question … ──▶ finished

Participants join with the round's join code and get a device token; presenting that token again (a
phone that lost Wi-Fi, a reloaded page) gives back the same participant and score. Each answer is
parsed in the participant's language and graded by the course's grader, as in `quiz --plain`. The
round writes every change through a `RoundLog` (the progress store), so a host that is killed and
started again rebuilds the same round with `Round.restore()`.

Times are passed in (`now`, seconds since the epoch), so the machine is tested without waiting.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .content import Course
from .errors import SSCError, Template
from .grader import Grade
from .i18n import N_
from .kinds import Kind
from .questions import Question
from .sanitize import has_control
from .session import LETTERS, Presented, check
from .sheets import _aligned, answer_for_key, build_sheets

LOBBY, QUESTION, REVEAL, FINISHED = "lobby", "question", "reveal", "finished"
PHASES = (LOBBY, QUESTION, REVEAL, FINISHED)
MAX_NAME = 40
MAX_REPLY = 500
MAX_PARTICIPANTS = 500
CODE_DIGITS = 6


class LiveError(SSCError):
    """A participant's request the round refuses (wrong code, question closed, …); the reason is sent back.

    `code` is a stable machine-readable word for clients and tests; the message is an English template.
    """

    def __init__(self, code: str, message: Template, **params: Any) -> None:
        super().__init__(message, **params)
        self.code = code


def new_join_code() -> str:
    """A short join code: six digits, easy to read off a projector and type on a phone."""
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def token_hash(token: str) -> str:
    """What the store keeps of a device token: its SHA-256 (the token itself stays on the device)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def clean_participant_name(name: Any) -> str:
    """A participant's display name: trimmed, 1–40 characters, no control characters."""
    text = " ".join(str(name or "").split())
    if not text:
        raise LiveError("name", N_("type your name"))
    if has_control(text) or len(text) > MAX_NAME:
        raise LiveError("name", N_("a name is 1 to {n} characters, without control characters"), n=MAX_NAME)
    return text


@dataclass(frozen=True)
class RoundConfig:
    """What the facilitator chose at the start; stored with the round."""

    code: str
    modules: tuple[str, ...]
    count: int
    seconds: int
    lang: str
    seed: str
    leaderboard: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "modules": list(self.modules)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoundConfig:
        return cls(
            code=str(data["code"]),
            modules=tuple(data["modules"]),
            count=int(data["count"]),
            seconds=int(data["seconds"]),
            lang=str(data["lang"]),
            seed=str(data["seed"]),
            leaderboard=bool(data.get("leaderboard", False)),
        )


@dataclass
class Participant:
    id: int
    name: str
    token: str  # the token's hash
    lang: str
    joined_at: float


@dataclass(frozen=True)
class LiveAnswer:
    """One participant's graded answer to one question of the round."""

    participant: int
    index: int
    question: str
    lang: str
    reply: str
    verdict: str
    score: float
    seconds: float
    answered_at: float
    choice: str = ""  # the letters chosen ("B", "A C", "T"/"F") for the distribution; "" for typed answers

    @property
    def uid(self) -> str:
        return f"{self.participant}:{self.index}"


@dataclass(frozen=True)
class RoundState:
    phase: str
    index: int  # the current question, -1 in the lobby
    deadline: float | None  # when the open question closes (epoch seconds)


class RoundLog(Protocol):
    """Where a round is kept as it happens (the progress store implements it)."""

    def save_round_state(self, uid: str, state: RoundState) -> None: ...

    def save_participant(self, uid: str, participant: Participant) -> None: ...

    def save_live_answers(self, uid: str, answers: list[LiveAnswer]) -> None: ...


@dataclass(frozen=True)
class Bar:
    label: str  # "A", "B", "T", …
    text: str
    count: int
    correct: bool


@dataclass(frozen=True)
class Reveal:
    """What the projector shows after a question closes."""

    index: int
    question: Question
    answer: str  # the right answer as a key shows it (letters, or text)
    solution: str  # the right answer in words
    bars: list[Bar]  # choices, multiple choice, true/false: how many picked each
    groups: dict[str, list[tuple[str, int]]]  # typed answers: verdict → [(reply, how many)]
    answered: int
    participants: int
    correct: int


@dataclass(frozen=True)
class Standing:
    participant: Participant
    score: float
    answered: int
    correct: int


@dataclass
class Round:
    """One live round: its questions, participants, answers and where it is."""

    course: Course
    config: RoundConfig
    uid: str = field(default_factory=lambda: uuid.uuid4().hex)
    log: RoundLog | None = None
    phase: str = LOBBY
    index: int = -1
    deadline: float | None = None
    opened_at: float = 0.0
    participants: dict[int, Participant] = field(default_factory=dict)
    answers: dict[tuple[int, int], LiveAnswer] = field(default_factory=dict)

    def __post_init__(self) -> None:
        sheets = build_sheets(
            self.course,
            langs=[self.config.lang],
            modules=list(self.config.modules),
            count=self.config.count,
            seed=self.config.seed,
        )
        self.items: list[Presented] = [item.presented for item in sheets.variants[0].items]
        self._by_token: dict[str, int] = {p.token: p.id for p in self.participants.values()}
        self._shown: dict[tuple[int, str], Presented] = {}

    # -- questions in each language -------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self.items)

    def shown(self, index: int, lang: str) -> Presented:
        """Question `index` in `lang`, its options in the same order as on the projector."""
        key = (index, lang)
        if key not in self._shown:
            base = self.items[index]
            other = self.course.bank.get(base.question.id, lang) if lang != self.config.lang else None
            self._shown[key] = _aligned(other, base) if other is not None else base
        return self._shown[key]

    # -- participants ---------------------------------------------------------------------------

    def join(self, code: str, name: Any, lang: str, token: str | None, now: float) -> tuple[Participant, str]:
        """A device joins, or comes back with its token; returns the participant and the token to keep."""
        if not secrets.compare_digest(str(code or "").strip().encode(), self.config.code.encode()):
            raise LiveError("code", N_("wrong join code"))
        lang = lang if lang in self.course.bank.languages() else self.config.lang
        if token:
            pid = self._by_token.get(token_hash(str(token)))
            if pid is not None:
                back = self.participants[pid]
                if back.lang != lang:
                    back.lang = lang
                    self._save_participant(back)
                return back, str(token)
        clean = clean_participant_name(name)
        if self.phase == FINISHED:
            raise LiveError("finished", N_("this round has ended"))
        if len(self.participants) >= MAX_PARTICIPANTS:
            raise LiveError("full", N_("this round is full"))
        taken = {p.name for p in self.participants.values()}
        shown_name, n = clean, 2
        while shown_name in taken:  # two people called Ana are both shown, as Ana and Ana (2)
            shown_name, n = f"{clean} ({n})", n + 1
        token = secrets.token_urlsafe(18)
        participant = Participant(len(self.participants) + 1, shown_name, token_hash(token), lang, now)
        self.participants[participant.id] = participant
        self._by_token[participant.token] = participant.id
        self._save_participant(participant)
        return participant, token

    def set_lang(self, pid: int, lang: str) -> None:
        participant = self.participants[pid]
        if lang in self.course.bank.languages() and participant.lang != lang:
            participant.lang = lang
            self._save_participant(participant)

    # -- the machine ------------------------------------------------------------------------------

    @property
    def state(self) -> RoundState:
        return RoundState(self.phase, self.index, self.deadline)

    def start(self, now: float) -> None:
        """Open the first question (from the lobby)."""
        if self.phase != LOBBY:
            raise LiveError("phase", N_("the round has already started"))
        self._open(0, now)

    def close(self) -> None:
        """Close the open question: answers stop, the reveal shows."""
        if self.phase == QUESTION:
            self.phase, self.deadline = REVEAL, None
            self._save_state()

    def advance(self, now: float) -> None:
        """From a reveal, the next question, or the end after the last."""
        if self.phase == QUESTION:
            self.close()
        if self.phase == LOBBY:
            self.start(now)
        elif self.phase == REVEAL:
            if self.index + 1 < self.total:
                self._open(self.index + 1, now)
            else:
                self.finish()

    def finish(self) -> None:
        self.phase, self.deadline = FINISHED, None
        self._save_state()

    def resume(self, now: float) -> None:
        """After a restart: an open question gets its full time again (devices must reconnect first)."""
        if self.phase == QUESTION:
            self.opened_at, self.deadline = now, now + self.config.seconds
            self._save_state()

    def _open(self, index: int, now: float) -> None:
        self.phase, self.index = QUESTION, index
        self.opened_at, self.deadline = now, now + self.config.seconds
        self._save_state()

    def time_left(self, now: float) -> float:
        return max(0.0, self.deadline - now) if self.deadline is not None else 0.0

    def answered_count(self, index: int | None = None) -> int:
        index = self.index if index is None else index
        return sum(1 for (_pid, i) in self.answers if i == index)

    def all_answered(self) -> bool:
        return bool(self.participants) and self.answered_count() >= len(self.participants)

    # -- answers ----------------------------------------------------------------------------------

    def answer(self, pid: int, index: Any, reply: Any, now: float) -> LiveAnswer:
        """Grade a participant's reply to the open question; the first readable answer counts."""
        if pid not in self.participants:
            raise LiveError("unknown", N_("join the round first"))
        if self.phase != QUESTION or index != self.index:
            raise LiveError("closed", N_("this question is closed"))
        if self.deadline is not None and now > self.deadline + 1.0:  # a second's grace for the network
            raise LiveError("closed", N_("this question is closed"))
        if (pid, self.index) in self.answers:
            raise LiveError("again", N_("you have already answered this question"))
        if not isinstance(reply, str) or not reply.strip():
            raise LiveError("unreadable", N_("could not read that answer; try again"))
        if len(reply) > MAX_REPLY or has_control(reply):
            raise LiveError("unreadable", N_("could not read that answer; try again"))
        participant = self.participants[pid]
        shown = self.shown(self.index, participant.lang)
        result = check(shown, reply)
        if result is None:
            raise LiveError("unreadable", N_("could not read that answer; try again"))
        found = LiveAnswer(
            participant=pid,
            index=self.index,
            question=shown.question.id,
            lang=shown.question.lang,
            reply=reply.strip(),
            verdict=result.verdict,
            score=round(float(result.score), 4),
            seconds=round(max(0.0, now - self.opened_at), 3),
            answered_at=now,
            choice=_choice(shown, reply, result),
        )
        self.answers[(pid, self.index)] = found
        return found

    # -- what the projector shows -----------------------------------------------------------------

    def reveal(self, index: int | None = None) -> Reveal:
        index = self.index if index is None else index
        base = self.items[index]
        q = base.question
        given = [a for (_pid, i), a in self.answers.items() if i == index]
        bars: list[Bar] = []
        groups: dict[str, list[tuple[str, int]]] = {}
        if q.type in (Kind.CHOICE, Kind.MULTI):
            picked = Counter(letter for a in given for letter in a.choice.split())
            right = set(answer_for_key(base).split()) if q.type == Kind.MULTI else {answer_for_key(base)}
            bars = [
                Bar(LETTERS[i], option, picked[LETTERS[i]], LETTERS[i] in right)
                for i, option in enumerate(base.options)
            ]
        elif q.type == Kind.TRUEFALSE:
            picked = Counter(a.choice for a in given)
            bars = [
                Bar("T", "true", picked["T"], bool(q.answer)),
                Bar("F", "false", picked["F"], not q.answer),
            ]
        else:
            for verdict in ("correct", "partial", "incorrect"):
                replies = Counter(a.reply for a in given if a.verdict == verdict)
                if replies:
                    groups[verdict] = sorted(replies.items(), key=lambda kv: (-kv[1], kv[0]))
        return Reveal(
            index=index,
            question=q,
            answer=answer_for_key(base),
            solution=q.solution(),
            bars=bars,
            groups=groups,
            answered=len(given),
            participants=len(self.participants),
            correct=sum(1 for a in given if a.verdict == "correct"),
        )

    def standings(self) -> list[Standing]:
        """Every participant's score so far, best first (ties by name)."""
        score: defaultdict[int, float] = defaultdict(float)
        answered: Counter[int] = Counter()
        correct: Counter[int] = Counter()
        for (pid, _i), a in self.answers.items():
            score[pid] += a.score
            answered[pid] += 1
            correct[pid] += a.verdict == "correct"
        out = [
            Standing(p, round(score[p.id], 4), answered[p.id], correct[p.id])
            for p in self.participants.values()
        ]
        return sorted(out, key=lambda s: (-s.score, s.participant.name))

    def most_missed(self, top: int = 5) -> list[tuple[int, Question, int]]:
        """The questions the fewest got right: (index, question, participants who missed it)."""
        n = len(self.participants)
        missed = []
        for index, item in enumerate(self.items[: self.index + 1] if self.phase != FINISHED else self.items):
            right = sum(1 for (_pid, i), a in self.answers.items() if i == index and a.verdict == "correct")
            if n - right > 0:
                missed.append((index, item.question, n - right))
        return sorted(missed, key=lambda m: (-m[2], m[0]))[:top]

    def results(self) -> dict[str, Any]:
        """The whole round as JSON-ready data (participants, answers, verdicts, scores)."""
        standings = self.standings()
        return {
            "format": "ssc-learn-live-round",
            "version": 1,
            "round": self.uid,
            "config": self.config.as_dict(),
            "phase": self.phase,
            "questions": [
                {
                    "index": i,
                    "question": p.question.id,
                    "type": p.question.type,
                    "module": p.question.module,
                    "answer": answer_for_key(p),
                    "source": list(p.question.source),
                }
                for i, p in enumerate(self.items)
            ],
            "participants": [
                {
                    "id": s.participant.id,
                    "name": s.participant.name,
                    "lang": s.participant.lang,
                    "score": s.score,
                    "answered": s.answered,
                    "correct": s.correct,
                }
                for s in standings
            ],
            "answers": [
                {
                    "participant": a.participant,
                    "index": a.index,
                    "question": a.question,
                    "lang": a.lang,
                    "reply": a.reply,
                    "choice": a.choice,
                    "verdict": a.verdict,
                    "score": a.score,
                    "seconds": a.seconds,
                    "answered_at": a.answered_at,
                }
                for a in sorted(self.answers.values(), key=lambda a: (a.index, a.participant))
            ],
            "most_missed": [
                {"index": i, "question": q.id, "missed": n} for i, q, n in self.most_missed(top=10)
            ],
        }

    # -- persistence ------------------------------------------------------------------------------

    def _save_state(self) -> None:
        if self.log is not None:
            self.log.save_round_state(self.uid, self.state)

    def _save_participant(self, participant: Participant) -> None:
        if self.log is not None:
            self.log.save_participant(self.uid, participant)

    @classmethod
    def restore(
        cls,
        course: Course,
        uid: str,
        config: RoundConfig,
        state: RoundState,
        participants: list[Participant],
        answers: list[LiveAnswer],
        log: RoundLog | None = None,
    ) -> Round:
        """The round as the store kept it (after the host was stopped or killed)."""
        return cls(
            course,
            config,
            uid=uid,
            log=log,
            phase=state.phase,
            index=state.index,
            deadline=state.deadline,
            participants={p.id: p for p in participants},
            answers={(a.participant, a.index): a for a in answers},
        )


def _choice(shown: Presented, reply: str, result: Grade) -> str:
    """The letters a reply picked, in the projector's order (for the bar chart); '' for typed answers."""
    from .session import parse_reply

    q = shown.question
    if q.type == Kind.TRUEFALSE:
        said_true = result.correct == bool(q.answer)
        return "T" if said_true else "F"
    if q.type not in (Kind.CHOICE, Kind.MULTI):
        return ""
    picked = parse_reply(shown, reply)
    chosen = [picked] if isinstance(picked, str) else list(picked or [])
    return " ".join(sorted(LETTERS[shown.options.index(c)] for c in chosen if c in shown.options))


def question_payload(shown: Presented, index: int, total: int, seconds_left: float) -> dict[str, Any]:
    """A question as devices get it: text and options only, never the answer."""
    q = shown.question
    data: dict[str, Any] = {
        "type": "question",
        "index": index,
        "total": total,
        "qtype": q.type,
        "prompt": q.prompt,
        "options": [],
        "lefts": [],
        "unit": q.unit,
        "blanks": 0,
        "seconds_left": round(seconds_left, 1),
    }
    if q.type in (Kind.CHOICE, Kind.MULTI, Kind.ORDER, Kind.MATCH):
        data["options"] = list(shown.options)
        data["lefts"] = list(shown.lefts)
    if q.type == Kind.CLOZE:
        data["text"] = q.cloze_text()
        data["blanks"] = len(q.blanks)
    return data


# ---------------------------------------------------------------------------------------------
# Rounds in the progress store
# ---------------------------------------------------------------------------------------------


def new_round(course: Course, store: Any, config: RoundConfig) -> Round:
    """A new round, recorded in `store` before anyone can join it."""
    live = Round(course, config, log=store)
    store.create_round(live.uid, config.as_dict())
    return live


def load_round(course: Course, store: Any, uid: str) -> Round | None:
    """A round as `store` kept it, or None when there is no such round."""
    data = store.load_round(uid)
    if data is None:
        return None
    participants = [
        Participant(pid, name, token, lang, joined) for pid, name, token, lang, joined in data["participants"]
    ]
    answers = [
        LiveAnswer(pid, index, qid, lang, reply, verdict, score, seconds, at, choice)
        for pid, index, qid, lang, reply, verdict, score, seconds, at, choice in data["answers"]
    ]
    state = RoundState(data["phase"], data["position"], data["deadline"])
    return Round.restore(
        course, uid, RoundConfig.from_dict(data["config"]), state, participants, answers, log=store
    )


def unfinished_round(store: Any, code: str | None = None) -> str | None:
    """The newest unfinished round (with join code `code`, when given): what a restarted host resumes."""
    for r in store.live_rounds():
        if r["phase"] != FINISHED and (code is None or r["config"].get("code") == code):
            return str(r["uid"])
    return None


def find_round(store: Any, which: str) -> str | None:
    """A round's uid from 'last', a uid, or the start of one."""
    rounds = store.live_rounds()
    if which == "last":
        return str(rounds[0]["uid"]) if rounds else None
    matches = [r["uid"] for r in rounds if str(r["uid"]).startswith(which)]
    return str(matches[0]) if len(matches) == 1 else None


def participant_exports(live: Round, course_id: str, created: str) -> list[dict[str, Any]]:
    """One progress export per participant (the format `report` and `import` read)."""
    from datetime import datetime, timezone

    from .exchange import FORMAT, VERSION

    def iso(epoch: float) -> str:
        return datetime.fromtimestamp(epoch, timezone.utc).isoformat(timespec="microseconds")

    out = []
    for p in sorted(live.participants.values(), key=lambda p: p.id):
        mine = sorted((a for (pid, _i), a in live.answers.items() if pid == p.id), key=lambda a: a.index)
        out.append(
            {
                "format": FORMAT,
                "version": VERSION,
                "exported_at": iso(max([p.joined_at, *[a.answered_at for a in mine]])),
                "course": course_id,
                "learner": {
                    "name": p.name,
                    "created": iso(p.joined_at),
                    "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"ssc-learn-live:{live.uid}:{p.id}").hex),
                },
                "attempts": [
                    {
                        "uid": hashlib.sha1(f"live:{live.uid}:{a.uid}".encode()).hexdigest()[:20],
                        "question": a.question,
                        "module": live.items[a.index].question.module,
                        "lang": a.lang,
                        "answer": a.reply,
                        "verdict": a.verdict,
                        "score": a.score,
                        "answered_at": iso(a.answered_at),
                        "seconds": a.seconds,
                    }
                    for a in mine
                ],
                "reads": [],
                "positions": [],
                "prefs": {},
                "workshop": {"round": live.uid, "code": live.config.code, "started": created},
            }
        )
    return out


def round_exports(course: Course, store: Any, which: str) -> list[dict[str, Any]]:
    """The participants' progress exports of a stored round ('last', or a round id or its start)."""
    uid = find_round(store, which)
    live = load_round(course, store, uid) if uid else None
    if live is None:
        raise SSCError(N_("no live round {round!r} (see ssc-learn workshop rounds)"), round=which)
    created = next(r["created"] for r in store.live_rounds() if r["uid"] == uid)
    return participant_exports(live, course.manifest.id, created)
