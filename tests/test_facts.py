"""Questions after a figure or a year, and paragraphs that can (or cannot) give one."""

from __future__ import annotations

import pytest
from ssc_learn.course.chat import ChatBot
from ssc_learn.course.facts import FIGURE, NAME, PERSON, YEAR, asks_for, figures, gives


@pytest.mark.parametrize(
    ("question", "lang", "kind"),
    [
        ("联合国南南合作办公室是哪一年成立的？", "zh", YEAR),
        ("到2050年将有多少世界人口住在城市？", "zh", FIGURE),
        ("When was UNDP founded?", "en", YEAR),
        ("How many people live in Nairobi?", "en", FIGURE),
        ("¿En qué año se aprobó el Consenso de Monterrey?", "es", YEAR),
        ("¿Cuántos Estados Miembros hay?", "es", FIGURE),
        ("Combien d'habitants compte Nairobi ?", "fr", FIGURE),
        ("What is triangular cooperation?", "en", None),
        ("When is South-South cooperation most effective?", "en", None),  # a condition, not a date
        ("How much does South-South cooperation matter?", "en", None),  # a degree, not a figure
        ("How much money did Argentina spend on the conference?", "en", FIGURE),
        ("¿Cuánto dinero ha recibido el Fondo?", "es", FIGURE),
        ("¿Cuándo es eficaz la cooperación Sur-Sur?", "es", None),
        ("Quand la coopération Sud-Sud est-elle efficace ?", "fr", None),
        ("Quand l'Agenda 2063 a-t-il été adopté ?", "fr", YEAR),
        ("南南合作能取代南北合作吗？", "zh", None),
        ("¿Cuál es la cifra exacta de personas que salieron de la pobreza?", "es", FIGURE),
        ("¿Cuál es el papel de los bancos?", "es", None),
        # An amount of what was spoken of; the names of what the last answer spoke of; who runs it now.
        ("how much did that come to?", "en", FIGURE),
        ("how much is in them at the moment?", "en", FIGURE),
        ("which ones exactly?", "en", NAME),
        ("which ones?", "en", None),  # the kinds the answer lists may be all it asks
        ("lesquelles par exemple ?", "fr", NAME),
        ("¿y cuáles exactamente?", "es", NAME),
        ("¿cuáles son esos principios?", "es", None),
        ("who's running it at the moment?", "en", PERSON),
        ("who is leading it?", "en", None),  # triangular cooperation is led by the beneficiary countries
    ],
)
def test_what_a_question_asks_for(question, lang, kind):
    assert asks_for(question, lang) == kind


def test_dates_ordinals_and_document_symbols_are_not_figures():
    assert figures("2019年3月20日至22日，第二次会议，第71/318号决议") == set()
    assert figures("held from 20 to 22 March 2019 (resolution 71/318)") == set()
    # An anniversary counts only for "how many years": it is not how many people attended.
    assert figures("到2050年，68%的世界人口将住在城市；四十周年") == {"68"}
    assert figures("到2050年，68%的世界人口将住在城市；四十周年", anniversaries=True) == {"68", "四十"}
    assert figures("on the occasion of the fortieth anniversary") == set()
    assert figures("on the occasion of the fortieth anniversary", anniversaries=True) == {"fortieth"}
    assert gives("四十周年之际", FIGURE, "这次会议纪念那份文件通过多少年？")
    assert not gives("四十周年之际", FIGURE, "有多少个国家代表团参加？")


def test_a_figure_the_question_brought_itself_is_no_answer():
    assert not gives("the 2030 Agenda", YEAR, "What does the 2030 Agenda say?")
    assert gives("decided in resolution 71/318 of 28 August 2017", YEAR, "When was it decided?")
    assert gives("68 per cent of the world population", FIGURE, "How many will live in cities by 2050?")


@pytest.mark.parametrize(
    "question",
    [
        # A figure on the document's own subject: a city's population is not one (declined outright).
        "How many delegates attended the Nairobi conference?",
        "When was the Pérez-Guerrero Trust Fund created?",
        "联合国南南合作办公室是哪一年成立的？",
    ],
)
def test_the_chatbot_says_when_the_document_gives_no_such_figure_or_year(course, question):
    answer = ChatBot(course).ask(question)
    assert answer.declined and answer.intent == "not_given"
    assert len(answer.citations) == 1  # the closest paragraph, offered for what the document does say
    assert answer.citations[0] in answer.text


@pytest.mark.parametrize(
    ("question", "pid"),
    [
        ("到2050年将有多少世界人口住在城市？", "32"),
        ("大会在哪一年通过第71/318号决议，决定召开第二次联合国南南合作高级别会议？", "R0"),
        ("What share of the world's population will live in cities by 2050?", "32"),
    ],
)
def test_figures_and_years_the_document_gives_are_answered(course, question, pid):
    answer = ChatBot(course).ask(question)
    assert not answer.declined and answer.citations[0] == pid


def test_a_chinese_clause_before_a_body_word_is_no_name():
    """ "注意到设立了新的机构" (noting that new institutions were set up) names no body: the pattern reads
    from the clause's start, and what follows its last particle, 机构, is a kind of body. A name after a
    verb is kept: "赞扬联合国开发计划署" still gives the UNDP's name."""
    from ssc_learn.course.facts import bodies

    assert bodies("注意到设立了新的机构，我们强调这些机构必须透明", "哪几家？", "zh") == set()
    assert any(
        "开发计划署" in b for b in bodies("我们赞扬联合国开发计划署多年来托管办公室", "哪个机构？", "zh")
    )
