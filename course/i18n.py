"""Interface languages through gettext catalogs managed with Babel.

The catalogs are `locales/<lang>/LC_MESSAGES/messages.po`. They are read straight from the `.po` files
and compiled in memory, so a translator's edit shows up without a build step; the app keeps the
compiled catalog in its start-up cache (`cache.py`) until the `.po` file changes. A `Translator` is
created once per process (or per learner switch) and passed to whoever renders text; there is no
module-level global language.

Adding a language is adding a catalog folder (and content translations): the list of languages is read
from the folders, not from code.
"""

from __future__ import annotations

import gettext as _gettext
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from .cache import cached
from .errors import N_ as N_  # marked where defined, translated where shown; defined with the errors
from .errors import LanguageError
from .paths import locales_dir

SOURCE_LANG = "zh"  # the language of the seed document
FALLBACK_LANG = "en"  # the interface language when nothing else is known
DOMAIN = "messages"


@lru_cache(maxsize=4)
def available_languages(root: Path | None = None) -> tuple[str, ...]:
    """Interface languages with a catalog, the source language first, then English, then the rest."""
    base = root or locales_dir()
    found = sorted(p.parent.parent.name for p in base.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    order = {SOURCE_LANG: 0, FALLBACK_LANG: 1}
    return tuple(sorted(found, key=lambda code: (order.get(code, 2), code))) or (FALLBACK_LANG,)


def normalize_tag(tag: str) -> str:
    """A POSIX or BCP 47 tag in Babel's form: 'es-MX' → 'es_MX', 'zh_CN.UTF-8' → 'zh_CN'."""
    tag = tag.strip().split(".")[0].split("@")[0]
    return tag.replace("-", "_")


def match_language(tag: str, available: tuple[str, ...]) -> str | None:
    """The available language a tag lands on: zh_CN, zh-Hans and zh-TW → zh; es_AR → es; or None."""
    tag = normalize_tag(tag)
    if not tag or tag.upper() in ("C", "POSIX"):
        return None
    primary = tag.split("_")[0].lower()
    if primary in available:  # zh_CN, zh_Hant_TW, es_AR: the language subtag decides; no CLDR lookup
        return primary
    from babel import Locale, UnknownLocaleError

    try:
        lang = Locale.parse(tag).language
    except (ValueError, UnknownLocaleError):
        lang = tag.split("_")[0].lower()
    return lang if lang in available else None


def resolve_language(
    requested: str | None = None,
    saved: str | None = None,
    env: Mapping[str, str] | None = None,
    available: tuple[str, ...] | None = None,
) -> str:
    """Pick the interface language: --lang, else the learner's saved choice, else the environment.

    The environment is read like gettext does (LANGUAGE, LC_ALL, LC_MESSAGES, LANG); nothing usable
    gives English. An unknown `requested` language is an error; an unknown saved or environment one is
    passed over.
    """
    langs = available or available_languages()
    if requested:
        found = match_language(requested, langs)
        if not found:
            raise LanguageError(
                N_("unknown language {lang!r} (available: {langs})"), lang=requested, langs=", ".join(langs)
            )
        return found
    if saved and (found := match_language(saved, langs)):
        return found
    environ = os.environ if env is None else env
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for tag in environ.get(var, "").split(":"):
            if found := match_language(tag, langs):
                return found
    return FALLBACK_LANG if FALLBACK_LANG in langs else langs[0]


def _compile(path: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh)
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


@lru_cache(maxsize=8)
def _load_catalog(path: Path, cache_dir: Path | None = None) -> _gettext.NullTranslations:
    mo = cached(
        f"messages-{path.parent.parent.name}",
        [path],
        lambda: _compile(path),
        cache_dir,
        dump=bytes,
        load=bytes,
    )
    return _gettext.GNUTranslations(io.BytesIO(mo))


@dataclass(frozen=True)
class Translator:
    """Interface text, numbers and dates in one language."""

    lang: str
    translations: _gettext.NullTranslations = field(
        default_factory=_gettext.NullTranslations, repr=False, compare=False
    )

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def join(self, items: Any) -> str:
        """A list (of paragraph ids, say) as this language writes one: "4, 31(d)", in Chinese "4、31(d)"."""
        return self.gettext(", ").join(items)

    def join_answers(self, items: Any) -> str:
        """Several answers in one line, "a; b" (in Chinese "a；b")."""
        return self.gettext("; ").join(items)

    def number(self, value: float | int) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.babel_locale)

    def percent(self, fraction: float) -> str:
        from babel.numbers import format_percent

        return format_percent(fraction, locale=self.babel_locale)

    def date(self, value: date | datetime, fmt: str = "medium") -> str:
        from babel.dates import format_date

        return format_date(value, format=fmt, locale=self.babel_locale)

    def relative(self, delta: Any) -> str:
        """A time from now, "in 10 minutes" (a `timedelta`), rounded as people say it."""
        from babel.dates import format_timedelta

        return format_timedelta(delta, add_direction=True, locale=self.babel_locale)

    def datetime(self, value: datetime, fmt: str = "short") -> str:
        from babel.dates import format_datetime

        return format_datetime(value, format=fmt, locale=self.babel_locale)

    @property
    def babel_locale(self) -> str:
        return {"zh": "zh_Hans_CN"}.get(self.lang, self.lang)


def language_name(code: str) -> str:
    """A language's name in that language, capitalised as in a menu: 中文, English, Español, Français."""
    from babel import Locale

    if code == "zh":
        return "中文"
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def get_translator(lang: str, root: Path | None = None, cache_dir: Path | None = None) -> Translator:
    """The Translator for `lang`; English (the msgids) when there is no catalog for it.

    With a `cache_dir`, the compiled catalog is kept there for the next start (see `cache.py`).
    """
    path = (root or locales_dir()) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if path.is_file():
        return Translator(lang, _load_catalog(path, cache_dir))
    return Translator(lang)
