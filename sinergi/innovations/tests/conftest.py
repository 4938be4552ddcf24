from collections.abc import Callable
from typing import Any

import pytest

from sinergi.affairs.models import Affair
from sinergi.innovations.models import Innovation
from sinergi.innovations.tests.factories import InnovationFactory
from sinergi.regions.models import Region


@pytest.fixture
def make_innovation(health: Affair) -> Callable[..., Innovation]:
    def make(region: Region, **fields: Any) -> Innovation:
        fields.setdefault("affair", health)
        return InnovationFactory(region=region, **fields)

    return make
