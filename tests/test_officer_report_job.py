"""The PDF of an officer on many cases is a background job; an unpublished officer is a 404."""

import re

from sqlalchemy import func, select

from tests import factories
from tests.pdftext import pdf_text
from tracker.models import Job


def _job_token(response):
    """The token of the job page ``response`` redirects to."""
    assert response.status_code == 303, response.status_code
    match = re.fullmatch(r"/jobs/([\w-]+)", response.headers["Location"])
    assert match, response.headers["Location"]
    return match.group(1)


def test_an_officer_on_more_cases_than_inline_is_reported_by_a_job(app, client, db):
    app.config["OFFICER_REPORT_INLINE"] = 2
    officer = factories.make_officer(publish=True)
    cases = [factories.make_case(publish=True, officers=[officer]) for _ in range(3)]
    factories.make_case(title="DRAFTMARKER never published", officers=[officer])
    db.session.commit()
    token = _job_token(client.get(f"/officers/{officer.id}/report.pdf"))
    page = client.get(f"/jobs/{token}").get_data(as_text=True)
    assert "is ready" in page
    result = client.get(f"/jobs/{token}/result")
    assert result.status_code == 200 and result.mimetype == "application/pdf"
    pdf = pdf_text(result.data)
    assert all(case.title in pdf for case in cases)
    assert "DRAFTMARKER" not in pdf
    # The same officer at the same data is the same job, not a second render.
    assert _job_token(client.get(f"/officers/{officer.id}/report.pdf")) == token
    assert db.session.scalar(select(func.count()).select_from(Job)) == 1


def test_an_officer_within_the_inline_size_is_served_at_once(app, client, db):
    app.config["OFFICER_REPORT_INLINE"] = 2
    officer = factories.make_officer(publish=True)
    factories.make_case(publish=True, officers=[officer])
    db.session.commit()
    response = client.get(f"/officers/{officer.id}/report.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_an_unpublished_officer_is_never_reported_nor_queued(app, client, db):
    app.config["OFFICER_REPORT_INLINE"] = 0
    officer = factories.make_officer()
    factories.make_case(publish=True, officers=[officer])
    db.session.commit()
    assert client.get(f"/officers/{officer.id}/report.pdf").status_code == 404
    assert client.get("/officers/999999/report.pdf").status_code == 404
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0
