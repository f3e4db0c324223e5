"""The one error convention: an `SSCError` carries an English template marked with `N_` and its values,
and is translated only where it is shown; a value is translated only when it is a marked `Phrase`."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from ssc_learn.course.errors import N_, ContentError, Phrase, SSCError
from ssc_learn.course.exchange import ImportFileError, read_export
from ssc_learn.course.i18n import get_translator

ROOT = Path(__file__).resolve().parents[1]
GETTEXT = {"_", "gettext", "ngettext", "pgettext"}


def _error_classes(trees: list[ast.Module]) -> dict[str, int]:
    """SSCError and every subclass defined in the code, with the position of their `message` argument."""
    found = {"SSCError": 0}
    classes = [n for tree in trees for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
    grew = True
    while grew:
        grew = False
        for cls in classes:
            bases = [b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in cls.bases]
            parent = next((b for b in bases if b in found), None)
            if parent is None or cls.name in found:
                continue
            position = found[parent]
            for node in cls.body:
                if isinstance(node, ast.FunctionDef) and node.name == "__init__":
                    names = [a.arg for a in node.args.args[1:]]
                    position = names.index("message") if "message" in names else position
            found[cls.name] = position
            grew = True
    return found


def _is_template(node: ast.expr | None, forwarded: set[str]) -> bool:
    """`N_("a literal")`, the only way a message reaches an error; or a parameter typed `Template` that
    a helper forwards (mypy then holds its callers to `N_`)."""
    if isinstance(node, ast.Name) and node.id in forwarded:
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "N_"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    )


def _translated(node: ast.expr) -> bool:
    """A value already run through gettext (it should be a Phrase, translated where shown)."""
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            name = sub.func.id if isinstance(sub.func, ast.Name) else getattr(sub.func, "attr", "")
            if name in GETTEXT:
                return True
    return False


def convention_breaks(sources: dict[str, str]) -> list[str]:
    """Every construction of an SSCError (or subclass) or a Phrase that passes something other than an
    `N_("…")` template as its message, or a value translated before raising."""
    trees = {name: ast.parse(text) for name, text in sources.items()}
    classes = _error_classes(list(trees.values()))
    classes["Phrase"] = 0
    found = []
    for name, tree in trees.items():
        forwarded: dict[ast.AST, set[str]] = {}  # call → the Template parameters of its function
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                args = [*func.args.posonlyargs, *func.args.args, *func.args.kwonlyargs]
                typed = {
                    a.arg
                    for a in args
                    if a.annotation is not None and ast.unparse(a.annotation) == "Template"
                }
                for sub in ast.walk(func):
                    forwarded.setdefault(sub, set()).update(typed)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if called not in classes:
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            position = classes[called]
            message = keywords.get("message") or (node.args[position] if len(node.args) > position else None)
            where = f"{name}:{node.lineno}"
            if not _is_template(message, forwarded.get(node, set())):
                found.append(f"{where}: {called}({ast.unparse(message) if message else ''}…) is not N_(…)")
            for key, value in keywords.items():
                if key != "message" and _translated(value):
                    found.append(f"{where}: {key}= is translated before raising; make it a Phrase")
    return found


def test_every_error_is_raised_as_a_template_with_values():
    sources = {
        str(path.relative_to(ROOT)): path.read_text(encoding="utf-8")
        for path in [*ROOT.glob("course/**/*.py"), *ROOT.glob("tui/**/*.py")]
    }
    breaks = convention_breaks(sources)
    assert not breaks, "\n".join(breaks)


@pytest.mark.parametrize(
    "code",
    [
        'raise SSCError(f"no learner called {name!r}")',
        'raise SSCError(_("no learner called {name!r}").format(name=name))',
        'raise StoreError(t.gettext("{path}: locked"), kind="locked")',
        'raise SSCError("unknown module")',
        'raise SSCError(N_("cannot write {path}: {reason}"), path=p, reason=_("the disk is full"))',
        'raise LiveError("code", "wrong join code")',
        'raise StoreError(kind="newer", message="{path} is newer")',
        'return Phrase(f"attempt {n}")',
        'raise DeepError(N_("ok"), reason=gettext("no"))',
    ],
)
def test_the_check_catches_a_formatted_or_translated_message(code):
    """The check above can fail: each of these breaks the convention."""
    module = (
        "class StoreError(SSCError):\n    def __init__(self, message, *, kind='other', **params): ...\n"
        "class LiveError(SSCError):\n    def __init__(self, code, message, **params): ...\n"
        "class DeepError(StoreError): ...\n"
        f"def f():\n    {code}\n"
    )
    assert convention_breaks({"sample.py": module})


def test_the_check_accepts_templates_and_phrases():
    module = (
        "class LiveError(SSCError):\n    def __init__(self, code, message, **params): ...\n"
        "def f():\n"
        '    raise LiveError("code", N_("wrong join code"))\n'
        '    raise SSCError(N_("cannot write {path}: {reason}"), path=p,\n'
        '                   reason=Phrase(N_("the disk is full")))\n'
    )
    assert convention_breaks({"sample.py": module}) == []


def test_user_data_in_a_parameter_is_never_translated():
    """A name, a path or an OS reason that happens to be a message of the catalog is shown as it is."""
    zh = get_translator("zh").gettext
    assert zh("the disk is full") != "the disk is full"  # the values below are catalog messages
    error = SSCError(
        N_("cannot write {path}: {reason}"), path="the disk is full", reason="the store is healthy"
    )
    shown = error.localized(zh)
    assert shown == zh("cannot write {path}: {reason}").format(
        path="the disk is full", reason="the store is healthy"
    )
    assert zh("the disk is full") not in shown and zh("the store is healthy") not in shown


def test_a_phrase_is_translated_with_its_own_values_and_theirs_stay_as_they_are():
    zh = get_translator("zh").gettext
    inner = Phrase(N_("attempt {n}: {key!r} is missing or of the wrong type"), n=3, key="the disk is full")
    error = ImportFileError(
        N_("{source}: {why}; nothing was imported"), source="the store is healthy", why=inner
    )
    shown = error.localized(zh)
    assert zh("attempt {n}: {key!r} is missing or of the wrong type") != (
        "attempt {n}: {key!r} is missing or of the wrong type"
    )
    assert (
        zh("attempt {n}: {key!r} is missing or of the wrong type").format(n=3, key="the disk is full")
        in shown
    )
    assert shown.startswith("the store is healthy") and zh("the disk is full") not in shown
    # In English (and as str) the message reads as it always did.
    assert str(error) == (
        "the store is healthy: attempt 3: 'the disk is full' is missing or of the wrong type; "
        "nothing was imported"
    )
    assert Phrase.of(error) == str(error) and Phrase.of(error).localized(zh) == shown


def test_an_import_error_is_shown_whole_in_the_learners_language(tmp_path: Path):
    """The reason inside the message (what is wrong with the file) is translated too, not left English."""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "elsewhere"}), encoding="utf-8")
    with pytest.raises(ImportFileError) as caught:
        read_export(bad)
    for lang in ("zh", "es", "fr"):
        t = get_translator(lang).gettext
        shown = caught.value.localized(t)
        assert str(bad) in shown
        assert t("not an ssc-learn progress export (format is not {format!r})").split("{")[0] in shown
        assert "not an ssc-learn progress export" not in shown, (lang, shown)


def test_content_problem_lines_keep_their_count():
    problems = ["a.yaml:3: first", "a.yaml:9: second", "b.yaml:1: third"]
    assert str(ContentError.first_of(problems)) == "a.yaml:3: first (and 2 more)"
    assert str(ContentError.first_of(problems[:1])) == "a.yaml:3: first"


def test_the_cli_prints_the_template_translated_and_the_name_as_typed(cli):
    """`learners delete` with a name that is also a catalog message: the sentence is Chinese, the name not."""
    r = cli("--lang", "zh", "learners", "delete", "the disk is full", "--yes")
    zh = get_translator("zh").gettext
    assert r.code == 2
    assert zh("no learner called {name!r}").format(name="the disk is full") in r.err
