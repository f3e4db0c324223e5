"""YAML loading that remembers line numbers, so content errors can name the file and the line."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import N_, ContentError

if TYPE_CHECKING:
    import yaml


class LineDict(dict[Any, Any]):
    """A mapping from YAML that knows the line it started on (1-based)."""

    line = 0


class LineList(list[Any]):
    """A sequence from YAML that knows the line it started on (1-based)."""

    line = 0


# Built on first parse, not on import: a course loaded from the start-up cache never needs PyYAML.
@lru_cache(maxsize=1)
def _loader() -> type[yaml.SafeLoader]:
    import yaml

    # libyaml's parser is ten times faster than the pure-Python one; the constructors stay the same.
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
        out = LineDict(loader.construct_mapping(node, deep=True))
        out.line = node.start_mark.line + 1
        return out

    def sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
        out = LineList(loader.construct_sequence(node, deep=True))
        out.line = node.start_mark.line + 1
        return out

    loader: type[yaml.SafeLoader] = type("LineLoader", (base,), {})
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, mapping)
    loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, sequence)
    return loader


def line_of(value: Any, default: int = 1) -> int:
    """The line a loaded mapping or list started on."""
    return getattr(value, "line", default) or default


def load_yaml(path: Path) -> Any:
    """Parse a YAML file, raising ContentError with file and line for unreadable or malformed YAML."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(N_("{path}: file not found"), path=path) from None
    except UnicodeDecodeError:
        raise ContentError(N_("{path}: not UTF-8 text"), path=path) from None
    except OSError as exc:
        raise ContentError(
            N_("{path}: cannot read ({reason})"), path=path, reason=exc.strerror or exc
        ) from None
    return parse_yaml(text, str(path))


def parse_yaml(text: str, source: str) -> Any:
    """Parse YAML text; `source` names it in errors."""
    import yaml

    try:
        return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        problem = exc.problem or exc.context or "malformed YAML"
        raise ContentError(
            N_("{source}:{line}: malformed YAML ({problem})"), source=source, line=line, problem=problem
        ) from None
    except yaml.YAMLError as exc:
        raise ContentError(N_("{source}: malformed YAML ({problem})"), source=source, problem=exc) from None
