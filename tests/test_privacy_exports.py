"""No private marker reaches a PDF report, a CSV or JSON download, or any API answer."""

import pytest

from tests.pdftext import pdf_text
from tests.privacy import plant_private_markers
from tracker.kinds import api_collections, exported_collections

KINDS = [item.collection for item in exported_collections()]
API_KINDS = [item.collection for item in api_collections()]


@pytest.fixture
def planted(app, tmp_path):
    """Records with a marker in every private field; reports cached in a scratch folder."""
    app.config["REPORT_CACHE_DIR"] = str(tmp_path / "reports")
    app.config["REDIS_URL"] = None
    return plant_private_markers()


def test_pdf_reports_never_show_a_private_marker(client, planted):
    paths = [
        f"/cases/{planted.case.id}/report.pdf",
        f"/officers/{planted.officer.id}/report.pdf",
        f"/officers/{planted.hidden_officer.id}/report.pdf",
        "/cases/report.pdf",
        f"/cases/report.pdf?officer={planted.officer.id}",
    ] + [f"/demands/{number}/report.pdf" for number in range(1, 7)]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = pdf_text(response.data)
        assert planted.marker not in text, path
        assert planted.marker.encode() not in response.data, path
    assert "Published marker case" in pdf_text(client.get(paths[0]).data)
    assert client.get(f"/cases/{planted.draft_case.id}/report.pdf").status_code == 404


def test_downloads_never_show_a_private_marker(client, planted):
    for kind in KINDS:
        for extension in ("csv", "json"):
            response = client.get(f"/data/{kind}.{extension}")
            assert response.status_code == 200
            assert planted.marker not in response.get_data(as_text=True), (kind, extension)
    assert "Published marker case" in client.get("/data/cases.csv").get_data(as_text=True)


def test_api_answers_never_show_a_private_marker(client, planted):
    seen = 0
    for kind in API_KINDS:
        segment = kind.replace("_", "-")
        response = client.get(f"/api/v1/{segment}?per_page=100")
        assert planted.marker not in response.get_data(as_text=True), kind
        for row in response.get_json()["data"]:
            detail = client.get(row["links"]["self"])
            assert detail.status_code == 200
            assert planted.marker not in detail.get_data(as_text=True), row["links"]["self"]
            seen += 1
    assert seen > 10
    for path in (
        f"/api/v1/cases/{planted.draft_case.id}",
        "/api/v1/openapi.json",
        "/api/v1/",
        "/data",
    ):
        assert planted.marker not in client.get(path).get_data(as_text=True), path
