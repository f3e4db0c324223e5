"""A first draft of a course outline for a new seed document, for a course author to edit."""

from __future__ import annotations

import re
from collections import Counter

import yaml

from .document import Document

_TITLES = re.compile(r"《([^》]{2,40})》")


def draft_outline(doc: Document, per_module: int = 4) -> str:
    """YAML for an outline that groups `doc`'s paragraphs into modules of about `per_module` paragraphs.

    The resolution part becomes one module; annex paragraphs are grouped in reading order, and a
    paragraph with five or more sub-paragraphs gets a module of its own. Titles are placeholders built
    from the first words of each module; key terms are the titles of documents the text cites.
    """
    groups: list[list[str]] = []
    resolution = [p.id for p in doc if p.part != "annex"]
    if resolution:
        groups.append(resolution)
    current: list[str] = []
    for p in doc:
        if p.part != "annex" or p.parent:
            continue
        kids = [c.id for c in doc.children(p.id)]
        if len(kids) >= 5:
            if current:
                groups.append(current)
                current = []
            groups.append([p.id, *kids])
            continue
        current.extend([p.id, *kids])
        if len([x for x in current if "(" not in x]) >= per_module:
            groups.append(current)
            current = []
    if current:
        groups.append(current)

    glossary: dict[str, dict[str, object]] = {}
    modules = []
    for n, ids in enumerate(groups, start=1):
        text = "".join(par.text for i in ids if (par := doc.get(i)))
        cited = [t for t, _ in Counter(_TITLES.findall(text)).most_common(4)]
        term_ids = []
        for title in cited:
            tid = f"term-{len(glossary) + 1}" if title not in glossary else str(glossary[title]["id"])
            if title not in glossary:
                glossary[title] = {
                    "id": tid,
                    "term": {doc.lang: title},
                    "definition": {doc.lang: "TODO"},
                    "paragraphs": [p.id for p in doc if title in p.text],
                }
            term_ids.append(tid)
        first = doc.get(ids[0])
        lead = re.split(r"[，,。；;:：]", first.text)[0][:20] if first else ""
        modules.append(
            {
                "id": f"module-{n:02d}",
                "title": {doc.lang: f"TODO {lead}"},
                "objectives": {doc.lang: ["TODO"]},
                "summary": {doc.lang: "TODO"},
                "terms": term_ids,
                "paragraphs": ids,
            }
        )
    data = {"document": doc.id, "modules": modules, "glossary": list(glossary.values())}
    header = (
        f"# Draft outline for {doc.id}: {len(modules)} modules over {len(doc.paragraphs)} paragraphs.\n"
        "# Replace every TODO, rename modules, move paragraphs, then run `ssc-learn check`.\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
