import pytest

from kvinnofrid.testing.cast import build_cast


@pytest.fixture
def cast(db):
    return build_cast()
