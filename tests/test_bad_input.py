"""Bad input from anyone gets a clear answer, never a 500: huge ids, NUL characters, odd CSVs."""

import pytest

from tests import factories
from tracker.extensions import db

HUGE = "99999999999999999999999"


@pytest.mark.parametrize(
    "path",
    [
        f"/cases/{HUGE}",
        f"/cases/{HUGE}-x",
        "/cases/3000000000",
        f"/officers/{HUGE}",
        f"/demands/{HUGE}",
        f"/cases/{HUGE}/report.pdf",
        f"/officers/{HUGE}/report.pdf",
        f"/demands/{HUGE}/report.pdf",
        f"/api/v1/cases/{HUGE}",
    ],
)
def test_ids_beyond_a_database_integer_are_not_found(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/cases?tag=%00", "/api/v1/cases?tag=%00", "/cases/report.pdf?tag=%00", "/search?q=a%00b"],
)
def test_nul_characters_are_refused(client, path):
    assert client.get(path).status_code == 400


def test_workspace_survives_huge_ids_and_nul(client, auth, users):
    auth.login_as(users["editor"])
    case = factories.make_case(title="Edited")
    db.session.commit()
    for path in (
        f"/manage/case/{HUGE}",
        f"/manage/case/{HUGE}/edit",
        "/manage/case/3000000000/history",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/manage/sources/new?record={HUGE}").status_code == 200
    assert client.get("/manage/case/?q=%00").status_code == 400
    page = client.post(
        f"/manage/case/{case.id}/edit",
        data={"title": "Edited", "case_kind": "use_of_force", "version": HUGE},
    )
    assert page.status_code in (200, 409)
    response = client.post("/manage/case/new", data={"title": "bad\x00title"})
    assert response.status_code == 400


def test_related_record_typed_as_a_huge_id_is_a_field_error(client, auth, users):
    auth.login_as(users["editor"])
    response = client.post(
        "/manage/complaint/new",
        data={"title": "C", "complaint_kind": "criminal", "case": f"#{HUGE}"},
    )
    assert response.status_code == 200
    assert "No case is called" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # Past the csv module's field limit (the spreadsheet reader raises it to 1,000,000).
        (b"title,case_kind\n" + b'"' + b"x" * 1_100_000 + b'",shooting\n', "cannot be read"),
        (b"title,case_kind\nA\x00,shooting\n", "NUL characters"),
    ],
)
def test_malformed_csv_is_reported_not_crashed(app, content, message):
    from tracker.imports.services import decode, plan_import

    text, problem = decode(content)
    if problem is None:
        plan = plan_import("case", text)
        problems = " ".join(item.reason for item in plan.problems)
    else:
        problems = problem.reason
    assert message in problems


def test_nan_and_future_dates_in_csv_are_cell_errors():
    from tracker.imports.columns import CellError, amount, iso_date

    with pytest.raises(CellError):
        amount("NaN")
    with pytest.raises(CellError, match="future"):
        iso_date("9999-12-31")
