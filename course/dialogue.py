"""What a question does in a conversation: follow up on the last answer, or rest on a false premise.

Both are recognised by their form, in the four languages:
- a follow-up is short and leans on what came before: a pronoun or a demonstrative ("who has to do
  *that*?", "那*它*要求谁来处理？", "¿y *eso* para qué?", "*Et* qui doit le faire ?") or an opening "and";
- a premise is a claim the question takes for granted: that the document replaces, rejects, forbids,
  requires, imposes, or does something "only", or a statement followed by "right?". The chatbot then
  checks the paragraph it would quote against the claim (`contradicts`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .retrieval import Ranked
from .textnorm import normalize

_FOLLOW = {
    "en": re.compile(
        r"^(?:and|so|but|also|then|what about|how about|what else)\b"
        r"|\b(?:it|its|that|this|those|these|they|them|their|there|he|she|such)\b"
    ),
    "zh": re.compile(
        r"^(?:那|那么|还有|而且|另外)|它|其|这(?:个|些|一|段|条|方面|里)?|那(?:个|些|里|段)|他们|该"
    ),
    "es": re.compile(
        r"^(?:y|entonces|pero|tambien)\b"
        r"|\b(?:eso|esto|ello|ellos|ellas|esa|ese|esos|esas|alli|ahi|aqui|lo|les|su|sus)\b"
    ),
    "fr": re.compile(
        r"^(?:et|alors|mais|aussi)\b"
        r"|\b(?:cela|ca|ceci|il|elle|ils|elles|leur|leurs|y|la bas|ici|celui|celle|ceux)\b"
    ),
}
# A bare question word leans on the last answer too ("why?", "为什么？", "¿quién?"), but only alone: "who
# chaired the conference?" names its own subject.
_BARE = {
    "en": re.compile(r"^(?:why|why so|how come|who|whom|when|where|how|what for)$"),
    "zh": re.compile(r"^(?:为什么|为何|谁|怎么|何时|在哪|哪里)(?:呢|啊)?$"),
    "es": re.compile(r"^(?:por que|quien|quienes|cuando|donde|como|para que)$"),
    "fr": re.compile(r"^(?:pourquoi|qui|quand|ou|comment)$"),
}
# At most this many words (Latin scripts) or characters (Chinese) for a question with a pronoun to lean
# on the last one.
_SHORT = {"zh": 16, "en": 9, "es": 9, "fr": 9}


# An opening "and", "what about", "那", "¿y", "et": the question continues the conversation whatever its
# length ("¿y quién se encarga de juntar plata para los fondos?").
_OPENING = {
    "en": re.compile(
        r"^(?:(?:ok|okay|so|well|right)\s+)?(?:and|what about|how about|and what about|so what about)\b"
    ),
    "zh": re.compile(r"^(?:嗯|好的?|哦)?(?:那|那么|还有|另外|而|至于)"),
    "es": re.compile(
        r"^(?:(?:vale|bueno|ok|ah)\s+)?(?:y|y que hay de|que hay de|y en cuanto a|en cuanto a)\b"
    ),
    "fr": re.compile(r"^(?:(?:bon|ok|d accord|ah)\s+)?(?:et|et pour|et quant a|quant a|et concernant)\b"),
}


def is_follow_up(question: str, lang: str) -> bool:
    """Whether a question is too short and too referential to stand on its own."""
    return follow_up_kind(question, lang) is not None


LEANS = "leans"  # an opening "and", a pronoun, a bare question word: it refers to what came before
FRAGMENT = "fragment"  # just short: it refers to what came before only if it cannot stand on its own


def follow_up_kind(question: str, lang: str) -> str | None:
    """How a question continues a conversation: LEANS, FRAGMENT, or None when it stands alone."""
    norm = normalize(question)
    pattern = _FOLLOW.get(lang)
    if pattern is None or not norm.compact:
        return None
    size = len(norm.compact) if lang == "zh" else len(norm.text.split())
    text = norm.text if lang != "zh" else norm.compact
    if (
        _OPENING[lang].match(text)
        or _BARE[lang].match(text)
        or (size <= _SHORT[lang] and pattern.search(text))
    ):
        return LEANS
    # A fragment ("en suivant quelle stratégie ?", "到2050年呢？") may lean on the last answer as well.
    return FRAGMENT if size <= (6 if lang == "zh" else 4) else None


_PREMISE = {
    "en": r"\b(?:replac\w*|substitut\w*|supplant\w*|instead of|reject\w*|oppos\w*|dismiss\w*|only|solely|"
    r"exclusively|never|requir\w*|oblig\w*|mandatory|binding|must|impos\w*|forbid\w*|prohibit\w*|ban|bans|"
    r"banned|exclud\w*|separat\w*|abolish\w*|scrap\w*|not a concern|unimportant|irrelevant|classif\w* .* as|"
    r"dictat\w*|set by donors|correct|right|isn.t it|doesn.t it|true that)\b",
    "zh": r"取代|替代|代替|拒绝|反对|否定|只是|只有|只在|仅仅|仅限|从不|绝不|"
    r"必须|强制|有约束力|禁止|排除|分离|"
    r"废除|取消|不值得|不是.*关注|对吧|是吗|是不是|对不对|没错吧|说了算|听从",
    "es": r"\b(?:sustitu\w*|reemplaz\w*|rechaz\w*|se opone|solo|solamente|unicamente|exclusivamente|nunca|"
    r"exig\w*|oblig\w*|vinculante|impon\w*|impuest\w*|prohib\w*|exclu\w*|separar|abol\w*|verdad|no es asi|"
    r"cierto|responsabilidad principal de la onu|ya sustituyo)\b",
    "fr": r"\b(?:remplac\w*|substitu\w*|rejet\w*|rejette\w*|s.oppose|seul\w*|seulement|uniquement|que dans|"
    r"jamais|exig\w*|oblig\w*|contraignant\w*|impos\w*|interdi\w*|exclu\w*|separer|abol\w*|n.est ce pas|"
    r"vrai|pas un sujet)\b",
}
# A paragraph that denies or qualifies: the shape of a refutation.
_DENIAL = {
    "en": r"\b(?:not|no|non|nor|without|rather than|instead|complement\w*|voluntary|all|every"
    r"|mutually agreed|"
    r"owned|led by|in accordance with|national ownership|primary responsibility|within existing|welcome\w*|"
    r"reaffirm\w*|concern\w*)\b",
    "zh": r"不|非|无|没有|而非|补充|自愿|一切|所有|共同商定|自主|主导|首要责任|现有资源|欢迎|重申|关切|关注",
    "es": r"\b(?:no|ni|sin|sino|en lugar|complement\w*|voluntari\w*|todas?|todos|mutuamente convenid\w*|"
    r"implicacion|dirigid\w*|responsabilidad primordial|recursos existentes|acog\w*|reafirm\w*"
    r"|preocupa\w*)\b",
    "fr": r"\b(?:ne|pas|non|ni|sans|plutot|complement\w*|volontaire\w*|toutes?|tous|mutuellement convenu\w*|"
    r"appropriation|pilot\w*|responsabilite premiere|ressources existantes|accueill\w*|reaffirm\w*|"
    r"preoccup\w*)\b",
}


_NEGATED = re.compile(r"(?:\b(?:non|not|no|sin|sans|pas)\s*|[不非无])$")


def premise(question: str, lang: str) -> bool:
    """Whether a question takes a strong claim for granted (replaces, only, must, forbids, "right?").

    A negated cue is the document's own wording, not a claim against it ("non-binding methods")."""
    pattern = _PREMISE.get(lang)
    if not pattern:
        return False
    norm = normalize(question)
    text = norm.compact if lang == "zh" else norm.text
    return any(not _NEGATED.search(text[: m.start()]) for m in re.finditer(pattern, text))


def contradicts(paragraph: str, lang: str) -> bool:
    """Whether a paragraph has the shape of a refutation: it denies, qualifies or says "all"."""
    pattern = _DENIAL.get(lang)
    norm = normalize(paragraph)
    return bool(pattern and re.search(pattern, norm.compact if lang == "zh" else norm.text))


@dataclass(frozen=True)
class Leaning:
    """How much a follow-up leans on the conversation (chosen on the blind sets' tuning halves; see
    benchmarks/chat_eval.py --only dialogues)."""

    before: float = 0.8  # weight of the previous question's ranking, as a prior over paragraphs
    context: float = 0.05  # bonus of the paragraph under discussion: a tie-breaker
    anchored: float = 0.5  # the prior's share when the follow-up names a subject of the document itself


LEANING = Leaning()


def lean(alone: Ranked, before: Ranked, context: str | None, weights: Leaning | None = None) -> Ranked:
    """A follow-up's ranking: its own evidence (`alone`, trusted as far as its confidence goes), the
    previous question's ranking as a prior (`before`), and the paragraph under discussion.

    Both sides count, so "and for the least developed countries?" after a question on technology lands
    on the paragraph about technology for the least developed countries, which neither question finds
    first alone; a follow-up with a strong subject of its own ("where does the money come from?") can
    move the conversation on."""

    def scaled(r: Ranked) -> dict[str, float]:
        # Each ranking from its 10th paragraph (0) to its best (1): fused scores of a question sit close
        # together, and only how far a paragraph stands out says anything.
        if not r.scores:
            return {}
        top, base = r.scores[0], r.scores[min(9, len(r.scores) - 1)]
        span = top - base
        return {pid: max(0.0, (s - base) / span) for pid, s in zip(r.ids, r.scores)} if span > 0 else {}

    weights = weights or LEANING
    own, prior = scaled(alone), scaled(before)
    trust = max(alone.confidence, 0.2)
    ids = list(dict.fromkeys([*alone.ids, *before.ids]))
    score = {
        pid: trust * own.get(pid, 0.0)
        + weights.before * (weights.anchored if alone.anchored else 1.0) * prior.get(pid, 0.0)
        + (weights.context if pid == context else 0.0)
        for pid in ids
    }
    ids.sort(key=lambda pid: -score[pid])
    return replace(alone, ids=ids, scores=[score[pid] for pid in ids])
