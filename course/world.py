"""Names of the world's countries in each course language (CLDR, through Babel).

Shared by the chatbot (a country the document does not name, a place asked for) and the grader (a
country added to a one-country answer), so both read the same list."""

from __future__ import annotations

from functools import lru_cache

from .textnorm import normalize


@lru_cache(maxsize=8)
def countries(lang: str) -> tuple[str, ...]:
    """The world's country names in `lang` (CLDR, through Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        names = Locale.parse(lang).territories
    except (UnknownLocaleError, ValueError):
        return ()
    return tuple(
        name
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in ("UN", "EU", "EZ", "QO")
    )


@lru_cache(maxsize=8)
def country_keys(lang: str) -> frozenset[str]:
    """The country names of `lang`, normalised (compact for Chinese, spaced words otherwise)."""
    out = set()
    for name in countries(lang):
        n = normalize(name)
        out.add(n.compact if n.han else n.text)
    return frozenset(out)


def names_country(text: str, lang: str) -> bool:
    """Whether `text` (a list member, say) is a country's name in `lang`, give or take an article."""
    n = normalize(text)
    key = n.compact if n.han else n.text
    if key in country_keys(lang):
        return True
    if not n.han:
        words = key.split()
        # "the Argentine Republic", "el Brasil", "la France"
        return len(words) > 1 and " ".join(words[1:]) in country_keys(lang)
    return False
