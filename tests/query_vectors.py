"""The tests' questions to the chatbot, embedded ahead of time.

Embedding a question takes the model about 20 ms of CPU; the chatbot's evaluation sets ask some 500,
which was a tenth of the whole suite's CPU time. `tests/data/query_vectors.npz` keeps each question's
vector under the same key as the course's own vectors file (a hash of the model's name, the kind and
the text: `semantic.key`), with the text beside it. While the tests run, `install` makes
`Encoder.query` answer from the file and fall back to the model for any question not in it, so a
stale file only makes the suite slower, never different. `tests/test_query_vectors.py` embeds a sample
of the file again with the model and compares, and checks every key against its text.

After the chatbot starts asking other questions (a rewritten follow-up, a new evaluation item), the
end of the test report says how many were embedded live; refresh the file with
`python -m pytest -n 0 --update-query-vectors` (the whole suite, in one process: the file is rewritten
with exactly the questions that run asked).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ssc_learn.course import semantic

PATH = Path(__file__).parent / "data" / "query_vectors.npz"


class QueryVectors:
    """key → (text, vector) from the file; what this run looked up, and what it embedded live."""

    def __init__(self, path: Path = PATH) -> None:
        self.path = path
        self.stored: dict[str, tuple[str, Any]] = {}
        if path.is_file():
            import numpy as np

            with np.load(path, allow_pickle=False) as data:
                for k, text, vec in zip(data["keys"], data["texts"], data["vectors"]):
                    self.stored[str(k)] = (str(text), vec)
        self.used: dict[str, tuple[str, Any]] = {}
        self.live = 0

    def save(self) -> None:
        """Write the questions this run asked (and no others) to the file."""
        import numpy as np

        keys = sorted(self.used)
        tmp = self.path.with_suffix(".tmp.npz")
        np.savez_compressed(
            tmp,
            keys=np.array(keys),
            texts=np.array([self.used[k][0] for k in keys]),
            vectors=np.stack([self.used[k][1] for k in keys]).astype(np.float32),
        )
        os.replace(tmp, self.path)


_MODEL_QUERY = semantic.Encoder.query  # the model itself, before `install`


def embed(encoder: semantic.Encoder, text: str) -> Any:
    """`text` embedded as a question by the model, whatever the file holds."""
    return _MODEL_QUERY(encoder, text)


def install(store: QueryVectors) -> None:
    """Make every encoder of this process look questions up in `store` before embedding them."""

    def query(self: semantic.Encoder, text: str) -> Any:
        k = semantic.key(semantic.QUERY, text)
        hit = store.stored.get(k)
        if hit is None:
            hit = (text, embed(self, text))
            store.live += 1
        store.used[k] = hit
        return hit[1].copy()

    semantic.Encoder.query = query  # type: ignore[method-assign]
