"""Synthetic answers for demos, tests and the benchmark (never for real diagnosis).

Each respondent gets a latent level per dimension; answers scatter around it on the
item's scale (reverse items answered the other way round), so charts look like real
classes: most dimensions above the line, some students weak in one or two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from zhengai.models.people import Instrument

if TYPE_CHECKING:
    import numpy as np


def synthetic_answers(instrument: Instrument, n: int, seed: int = 0, shift: float = 0.0) -> np.ndarray:
    """An ``n × items`` matrix of whole-number answers on each item's scale.

    ``shift`` moves every latent level (in scale points), e.g. −0.3 for a weaker cohort.
    """
    import numpy as np

    from zhengai.score.survey import layout

    rng = np.random.default_rng(seed)
    lay = layout(instrument)
    dims = len(lay.dimension_ids)
    dim_of_item = lay.dimension_of_element[lay.element_of_item]
    # latent position 0..1 per respondent and dimension
    base = rng.normal(0.68 + shift / 4, 0.12, size=(n, 1))
    latent = np.clip(base + rng.normal(0, 0.10, size=(n, dims)), 0, 1)
    position = latent[:, dim_of_item] + rng.normal(0, 0.15, size=(n, lay.item_ids.__len__()))
    position = np.clip(position, 0, 1)
    position = np.where(lay.reverse, 1 - position, position)
    answers = np.rint(lay.item_min + position * (lay.item_max - lay.item_min))
    return answers
