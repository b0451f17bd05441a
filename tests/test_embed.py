"""index/embed.py without loading a model: names, errors, the fake embedder the suite relies on."""

from __future__ import annotations

import numpy as np
import pytest
from arrimage.index.embed import EmbeddingError, make_embedder
from support import FakeEmbedder


@pytest.mark.parametrize("name", ["nope", "st:", ""])
def test_unknown_model_name_is_a_clear_error(name):
    with pytest.raises(EmbeddingError, match="unknown embedding model"):
        make_embedder(name)


def test_fake_embedder_is_deterministic_normalised_and_counts():
    fake = FakeEmbedder()
    a = fake.embed_documents(["Le budget du plan numérique", "La formation des enseignants"])
    b = FakeEmbedder().embed_documents(["Le budget du plan numérique", "La formation des enseignants"])
    assert a.shape == (2, 256) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0)
    assert fake.texts_embedded == 2
    assert fake.embed_query("LE BUDGET du plan numérique") == pytest.approx(a[0])  # casefolded
    assert fake.embed_documents([]).shape == (0, 256)
    assert fake.texts_embedded == 2
