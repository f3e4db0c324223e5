"""The document chatbot: intents, citations, declines, and accuracy on the dev set."""

from __future__ import annotations

import json

import pytest
import yaml
from ssc_learn.course.chat import ChatBot
from ssc_learn.course.retrieval import Retriever, detect_language

from .conftest import DATA


@pytest.fixture(scope="module")
def retriever(course):
    return Retriever(course)


@pytest.fixture
def bot(course, retriever):
    return ChatBot(course, retriever=retriever)


def test_dev_set_accuracy_and_declines(course, retriever):
    """Top-1/top-3 citation accuracy and decline behaviour on tests/data/chat_dev.yaml."""
    dev = yaml.safe_load((DATA / "chat_dev.yaml").read_text(encoding="utf-8"))
    assert len(dev["in_scope"]) >= 80 and len(dev["off_topic"]) >= 10
    top1 = top3 = declined = 0
    for item in dev["in_scope"]:
        answer = ChatBot(course, retriever=retriever).ask(item["q"])
        declined += answer.declined
        top1 += bool(answer.citations) and answer.citations[0] in item["gold"]
        top3 += bool(set(answer.citations[:3]) & set(item["gold"]))
    off = [ChatBot(course, retriever=retriever).ask(item["q"]) for item in dev["off_topic"]]
    n = len(dev["in_scope"])
    print(
        f"\nchat dev set: top-1 {top1 / n:.1%}, top-3 {top3 / n:.1%}, in-scope declined {declined}, "
        f"off-topic declined {sum(a.declined for a in off)}/{len(off)}"
    )
    assert declined == 0
    assert all(a.declined for a in off), [a.text[:40] for a in off if not a.declined]
    assert top1 / n >= 0.90
    assert top3 / n >= 0.97


def test_held_out_set(course, retriever):
    """tests/data/chat_heldout.yaml: questions in learners' words, and near misses (a subject of the
    document, a fact it does not give). Floors at the figures measured, so that a change that loses
    ground shows; see the file's header for how far this set is still unseen."""
    data = yaml.safe_load((DATA / "chat_heldout.yaml").read_text(encoding="utf-8"))
    answers = [ChatBot(course, retriever=retriever).ask(item["q"]) for item in data["in_scope"]]
    top3 = sum(bool(set(a.citations[:3]) & set(i["gold"])) for a, i in zip(answers, data["in_scope"]))
    declined = sum(a.declined for a in answers)
    near = sum(ChatBot(course, retriever=retriever).ask(item["q"]).declined for item in data["near_miss"])
    n = len(data["in_scope"])
    print(f"\nheld-out: top-3 {top3 / n:.1%}, in-scope declined {declined}, near misses declined {near}")
    assert top3 / n >= 0.93 and declined <= 2
    assert near >= 14


@pytest.mark.parametrize(
    ("question", "pid"),
    [
        ("第24段(f)", "24(f)"),
        ("paragraph 27 (g)", "27(g)"),
        ("para 32", "32"),
        ("párrafo 10", "10"),
        ("paragraphe 28 e", "28(e)"),
        ("¶ 7", "7"),
        ("24(f)", "24(f)"),
        ("第三十七段", "37"),
        ("R1", "R1"),
    ],
)
def test_paragraph_by_id(bot, question, pid):
    answer = bot.ask(question)
    assert answer.intent == "paragraph" and answer.citations == [pid]


def test_paragraph_lookup_does_not_swallow_ordinals(bot):
    assert bot.ask("第二次联合国南南合作高级别会议在哪里举行？").intent == "search"
    assert bot.ask("第三国培训方案").intent != "paragraph"


def test_glossary_term(bot):
    for q in [
        "什么是三方合作",
        "define triangular cooperation",
        "¿Qué es la cooperación triangular?",
        "qu'est-ce que la coopération triangulaire ?",
    ]:
        answer = ChatBot(bot.course, retriever=bot.retriever).ask(q)
        assert answer.intent == "define" and answer.citations[0] == "12", q


def test_which_paragraphs_mention(bot, course):
    answer = bot.ask("which paragraphs mention debt?")
    assert answer.intent == "which" and answer.citations == ["24(f)"]
    answer = bot.ask("哪些段落提到中小微企业")
    assert answer.citations and all("中小微企业" in course.document.get(p).text for p in answer.citations)


def test_more_gives_the_next_best_paragraph(bot):
    first = bot.ask("What does the document say about technology transfer?")
    more = bot.ask("more")
    assert more.intent == "more" and more.citations[0] != first.citations[0]


def test_original_on_request(bot, course):
    bot.ask("What does it say about debt?", "en")
    answer = bot.ask("original", "en")
    assert answer.intent == "original" and course.document.get("24(f)").text in answer.text


def test_answers_quote_the_document_in_the_learners_language(bot, course):
    answer = bot.ask("¿Qué dice el documento sobre la deuda?")
    assert answer.lang == "es" and answer.citations[0] == "24(f)"
    assert course.edition("es").get("24(f)").text in answer.text


def test_quiz_me_asks_grades_and_records(course, retriever, tmp_path):
    from ssc_learn.course.kinds import Kind
    from ssc_learn.course.learning import LearnerSession

    session = LearnerSession.open(course, tmp_path, "ana")
    bot = ChatBot(course, retriever=retriever, recorder=session)
    asked = bot.ask("quiz me on triangular cooperation", "en")
    assert asked.intent == "quiz" and bot.pending is not None
    p = bot.pending
    q = p.question
    reply = "A" if q.type in (Kind.CHOICE, Kind.MULTI) else "t" if q.type == Kind.TRUEFALSE else "x"
    if q.type == Kind.ORDER:
        reply = "ABCDEFG"[: len(q.items)]
    if q.type == Kind.MATCH:
        reply = " ".join(f"{i + 1}{'ABCDEFG'[i]}" for i in range(len(q.pairs)))
    graded = bot.ask(reply, "en")
    assert graded.intent == "quiz" and bot.pending is None
    (attempt,) = session.store.attempts(session.learner)
    assert attempt.question == q.id
    if q.type in (Kind.CHOICE, Kind.MULTI, Kind.ORDER):
        # What is kept is the option's text: the letter meant something only in that one shuffle.
        assert attempt.answer.startswith(p.options[0])
    session.close()


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "a" * 100_000,
        "？？？！！！",
        "😀😀😀",
        "مرحبا كيف حالك",
        "Привет, как дела?",
        "<script>alert(1)</script>",
        "[bold]x[/]",
    ],
)
def test_bad_input_gets_a_polite_reply(bot, question):
    answer = bot.ask(question)
    assert answer.text and (answer.declined or answer.intent in ("greeting", "help"))


def test_language_detection():
    assert detect_language("南南合作能取代南北合作吗？") == "zh"
    assert detect_language("What does it say about debt?") == "en"
    assert detect_language("¿Qué es la cooperación triangular?") == "es"
    assert detect_language("Qu'est-ce que la coopération triangulaire ?") == "fr"


def test_ask_cli_json_and_jsonl(cli):
    r = cli("ask", "What does the document say about debt?", "--json")
    data = json.loads(r.out)
    assert data["citations"][0] == "24(f)" and not data["declined"] and 0 <= data["confidence"] <= 1
    r = cli("ask", "--jsonl", stdin='{"q": "para 10", "lang": "en"}\n{"q": "Who won the World Cup?"}\n')
    lines = [json.loads(x) for x in r.out.splitlines()]
    assert lines[0]["citations"] == ["10"] and lines[1]["declined"] is True


@pytest.mark.parametrize(
    ("lang", "ask", "word"),
    [
        ("en", "quiz me on debt", "debt"),
        ("fr", "interroge-moi sur la dette", "dette"),
        ("zh", "考考我债务", "债务"),
    ],
)
def test_a_quiz_on_a_topic_asks_about_that_topic(course, retriever, lang, ask, word):
    """ "quiz me on debt" asked about food security: the module of the best paragraph, then any of its
    questions. The question now cites a paragraph ranked for the topic, and is about it."""
    bot = ChatBot(course, retriever=retriever)
    asked = bot.ask(ask, lang)
    assert asked.intent == "quiz" and bot.pending is not None
    q = bot.pending.question
    cited = " ".join(course.paragraph(p, lang)[0].text for p in q.source)
    assert word in cited.lower(), (q.id, q.source)


@pytest.mark.parametrize(
    ("question", "lang", "named"),
    [
        ("ils parlent de l'Union africaine ?", "fr", "24(j)"),
        ("is climate change even mentioned", "en", "18"),
        ("有没有提到非洲联盟", "zh", "24(j)"),
        ("¿se menciona el cambio climático?", "es", "18"),
    ],
)
def test_a_question_whether_the_document_names_something_it_names(bot, question, lang, named):
    """ "Is X mentioned?" with X in the document is answered by a paragraph that names X, however the
    question refers to the document ("they", no word for it at all)."""
    a = bot.ask(question, lang)
    assert not a.declined and a.citations[0] == named


def test_a_question_whether_the_document_names_something_it_does_not_is_not_forced(bot):
    """What the document never names is asked as any other question."""
    assert bot.ask("ils parlent de la météo à Buenos Aires ?", "fr").declined
    assert bot.ask("Does the document mention the weather in Buenos Aires in March?", "en").declined


@pytest.mark.parametrize(
    ("question", "lang", "asked"),
    [
        ("Soy estudiante en Bolivia, ¿el texto dice algo de becas para estudiar afuera?", "es", "30(b)"),
        ("I'm from Peru: what does it say about debt?", "en", "24(f)"),
        ("我是越南人，文件里说了南南合作的原则吗", "zh", "8"),
    ],
)
def test_the_learners_own_country_is_not_what_the_question_asks(bot, question, lang, asked):
    """A country the document never names, said of the learner ("I'm from Peru"), leaves the question in
    scope; asked about, it is declined."""
    a = bot.ask(question, lang)
    assert not a.declined and a.citations[0] == asked
    assert bot.ask("What is the capital of Peru?", "en").declined
    assert bot.ask("越南的首都是哪里", "zh").declined


def test_which_ones_asks_for_names_not_a_count(bot):
    """哪几个 asks which ones, not how many; and a bank described by its scope alone (国际和区域银行)
    names none, so "which banks exactly?" is not answered by it."""
    a = bot.ask("文件里提到哪几个南南合作基金", "zh")
    assert not a.declined and a.citations[0] == "34"
    assert bot.ask("发展中国家新设立的那些银行具体是哪几家？", "zh").intent == "not_given"
