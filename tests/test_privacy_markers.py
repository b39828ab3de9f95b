"""The privacy fixture itself works, and the pages built so far leak none of its markers."""

import pytest

from tests.privacy import plant_private_markers

PUBLIC_PATHS = ["/", "/demands", "/demands/1", "/demands/2", "/demands/3", "/demands/4"]


@pytest.fixture
def planted(app):
    """Records with a marker in every private field."""
    return plant_private_markers()


def test_marker_is_really_in_the_database(planted, db):
    from tracker.models import Person

    names = [person.name for person in db.session.query(Person).all()]
    assert any(planted.marker in (name or "") for name in names)


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_page_never_shows_a_private_marker(client, planted, path):
    response = client.get(path)
    assert response.status_code == 200
    assert planted.marker not in response.get_data(as_text=True)
