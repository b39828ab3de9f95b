"""Every public endpoint, found by walking ``app.url_map``: no private marker, a query budget.

``tests/public_pages.py`` names the paths that exercise each endpoint in the planted world; an
endpoint of a public blueprint without paths there fails the first test.
"""

import pytest

from tests.pdftext import pdf_text
from tests.privacy import plant_private_markers
from tests.public_pages import (
    EXPECTED_STATUS,
    QUERY_BUDGET,
    QUERY_BUDGETS,
    example_paths,
    public_endpoints,
)
from tests.querycount import count_queries


@pytest.fixture
def planted(app, tmp_path):
    """Records with a marker in every private field; reports cached in a scratch folder."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    app.config["REDIS_URL"] = None
    return plant_private_markers()


def _text(response, path, marker):
    """What a reader gets from ``response``: a PDF's text, or the body without query echoes."""
    if response.mimetype == "application/pdf":
        return pdf_text(response.data) + response.data.decode("latin-1")
    if response.mimetype.startswith("image/"):
        # Pixels, not text: tests/test_sharing.py checks what a preview image draws.
        return response.data.decode("latin-1")
    body = response.get_data(as_text=True)
    if path.startswith("/search?q="):
        query = path.split("=", 1)[1]
        for echo in (f"Search: {query}", f'value="{query}"', f"“{query}”"):
            body = body.replace(echo, "")
    return body + str(response.headers)


def test_every_public_endpoint_is_exercised(app, planted):
    paths = example_paths(planted)
    missing = public_endpoints(app) - {endpoint for endpoint, found in paths.items() if found}
    assert not missing, f"public endpoints without a path in tests/public_pages.py: {missing}"


def test_no_public_endpoint_shows_a_private_marker(client, planted):
    for endpoint, paths in example_paths(planted).items():
        for path in paths:
            response = client.get(path)
            assert response.status_code == EXPECTED_STATUS.get(endpoint, 200), (endpoint, path)
            assert planted.marker not in _text(response, path, planted.marker), (endpoint, path)


def test_every_public_endpoint_keeps_its_query_budget(client, planted):
    for endpoint, paths in example_paths(planted).items():
        budget = QUERY_BUDGETS.get(endpoint, QUERY_BUDGET)
        for path in paths:
            with count_queries() as counted:
                response = client.get(path)
            assert response.status_code == EXPECTED_STATUS.get(endpoint, 200), path
            assert counted.count <= budget, (path, counted.count, counted.statements)
