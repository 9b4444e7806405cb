"""One real default encoder per session for the aligner tests that read real text; its
in-memory cache lets the accuracy tests share sentence and window vectors."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def use_encoder() -> Any:
    from align.encoders import get_encoder

    return get_encoder("use")
