"""A volunteer's day: the dashboard's inbox, search and lists, withdraw, discard, preview."""

from datetime import timedelta

from sqlalchemy import func, select

from tests.factories import make_case, make_complaint, make_legal_action, make_officer, make_person
from tests.manage_helpers import authored_by, text
from tracker.models import Case, Citation, Record, Revision
from tracker.models.base import utcnow
from tracker.records import editing


def test_signing_in_lands_on_the_workspace(client, users):
    from tests.conftest import PASSWORD

    response = client.post("/login", data={"email": users["volunteer"].email, "password": PASSWORD})
    assert response.headers["Location"] == "/manage/"


def test_the_dashboard_shows_returned_published_and_an_inbox_since_the_last_visit(
    client, volunteer, users, db
):
    returned = authored_by(make_case(title="Returned case"), volunteer)
    published = authored_by(make_case(title="Published case", publish=True), volunteer)
    db.session.commit()
    editing.change_status(returned, "submit")
    db.session.commit()
    # An editor returns it with a comment: that is news for the volunteer.
    from flask import g
    from flask_login import login_user

    with client.application.test_request_context():
        login_user(users["editor"])
        editing.change_status(returned, "return", "Add the date of the stop.")
        db.session.commit()
    g.pop("_login_user", None)  # the tests share one app context: forget the editor

    page = text(client.get("/manage/"))
    assert "Add the date of the stop." in page
    inbox = page.split('id="inbox-heading"', 1)[1].split("</section>", 1)[0]
    assert "Returned case" in inbox and users["editor"].display_name in inbox
    published_section = page.split('id="published-heading"', 1)[1].split("</section>", 1)[0]
    assert "Published case" in published_section and "Returned case" not in published_section
    # The visit is remembered: the next visit's inbox starts from here.
    db.session.expire_all()
    assert volunteer.last_workspace_visit_at is not None
    again = text(client.get("/manage/")).split('id="inbox-heading"', 1)[1].split("</section>")[0]
    assert "Returned case" not in again
    assert published.status == "published"


def test_the_inbox_leaves_out_my_own_changes_and_others_records(client, volunteer, users, db):
    mine = authored_by(make_case(title="My own case"), volunteer)
    theirs = authored_by(make_case(title="Someone else's case"), users["editor"])
    db.session.commit()
    for record in (mine, theirs):
        db.session.add(
            Revision(record_id=record.id, user_id=volunteer.id, action="edit", version=1)
        )
    db.session.add(
        Revision(record_id=theirs.id, user_id=users["admin"].id, action="edit", version=2)
    )
    db.session.commit()
    inbox = text(client.get("/manage/")).split('id="inbox-heading"', 1)[1].split("</section>")[0]
    assert "My own case" not in inbox and "Someone else" not in inbox


def test_search_finds_titles_reference_and_docket_numbers_serials_and_names_i_may_read(
    client, auth, users, db
):
    make_complaint(title="Refused complaint", reference_number="IA-2021-0042")
    make_legal_action(title="Civil suit", docket_number="4:21-cv-00123")
    make_officer(name="Jane Roe", serial_number="S-7781")
    hidden = make_person(name="Secret Surname", public_label="A driver")
    own = authored_by(
        make_person(name="Secret Surname Two", public_label="A witness"), users["volunteer"]
    )
    db.session.commit()
    auth.login_as(users["volunteer"])

    def found(words, **filters):
        """The result table of a search."""
        page = text(client.get("/manage/search", query_string={"q": words, **filters}))
        return page.split("<tbody>", 1)[1] if "<tbody>" in page else ""

    assert "Refused complaint" in found("ia-2021-0042")
    assert "Civil suit" in found("21-cv-00123")
    assert "Jane Roe" in found("S-7781")
    names = found("Secret Surname")
    assert "A witness" in names and f"#{own.id}" in names  # my own person: her private name
    assert f"#{hidden.id}" not in names  # another's person: never found by the private name
    auth.logout()
    auth.login_as(users["editor"])
    assert f"#{hidden.id}" in found("Secret Surname")
    assert "Refused complaint" not in found("", kind="case")


def test_the_list_filters_sorts_and_pages(app, client, volunteer, users, db):
    app.config["PER_PAGE"] = 2
    for title in ("Bravo", "Alpha", "Charlie"):
        authored_by(make_case(title=title), volunteer)
    make_case(title="Delta", publish=True)
    old = make_case(title="Echo")
    db.session.commit()
    db.session.execute(
        Record.__table__.update()
        .where(Record.id == old.id)
        .values(updated_at=utcnow() - timedelta(days=90))
    )
    db.session.commit()

    first = text(client.get("/manage/search?author=me&sort=title"))
    assert "3 records" in first
    assert first.index("Alpha") < first.index("Bravo") and "Charlie" not in first
    assert "Charlie" in text(client.get("/manage/search?author=me&sort=title&page=2"))
    assert "Page 1 of 2" in first and "author=me" in first  # the next page keeps the filters
    published = text(client.get("/manage/search?status=published"))
    assert "Delta" in published and "Alpha" not in published
    recent = text(client.get("/manage/search?updated=30&sort=title&kind=case"))
    assert "Echo" not in recent and "4 records" in recent
    assert client.get("/manage/search?kind=nonsense&sort=nonsense").status_code == 200


def test_withdraw_from_review_and_discard_a_never_published_draft(client, volunteer, users, db):
    case = authored_by(make_case(title="Withdrawn case"), volunteer)
    other = authored_by(make_case(title="Not mine"), users["editor"])
    db.session.commit()
    editing.change_status(case, "submit")
    db.session.commit()
    view = text(client.get(f"/manage/case/{case.id}"))
    assert "Withdraw from review" in view
    assert client.post(f"/manage/case/{case.id}/withdraw").status_code == 302
    db.session.expire_all()
    assert case.status == "draft"
    assert client.post(f"/manage/case/{other.id}/withdraw").status_code == 403
    assert client.post(f"/manage/case/{other.id}/discard").status_code == 403

    assert "Discard this draft" in text(client.get(f"/manage/case/{case.id}"))
    ask = client.post(f"/manage/case/{case.id}/discard")
    assert ask.status_code == 200 and "history are kept" in text(ask)
    db.session.expire_all()
    assert case.status == "draft"  # only the confirmation acts
    revisions = select(func.count()).select_from(Revision).where(Revision.record_id == case.id)
    before = db.session.scalar(revisions)
    done = client.post(f"/manage/case/{case.id}/discard", data={"confirmed": "yes"})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == "discarded"  # kept, with its history
    assert db.session.scalar(revisions) == before + 1


def test_a_published_or_pointed_at_draft_is_not_discarded(client, volunteer, db):
    was_published = authored_by(make_case(title="Was published", publish=True), volunteer)
    pointed_at = authored_by(make_case(title="Has a complaint"), volunteer)
    make_complaint(case=pointed_at)
    db.session.commit()
    editing.change_status(was_published, "return", "Fix it")
    db.session.commit()
    response = client.post(f"/manage/case/{was_published.id}/discard", data={"confirmed": "yes"})
    assert response.status_code == 302
    response = client.post(
        f"/manage/case/{pointed_at.id}/discard", data={"confirmed": "yes"}, follow_redirects=True
    )
    assert "Other records point at this draft" in text(response)
    db.session.expire_all()
    assert db.session.get(Case, was_published.id).status == "draft"
    assert db.session.get(Case, pointed_at.id).status == "draft"
    assert db.session.scalar(select(func.count()).select_from(Citation)) >= 1


def test_the_markdown_preview_uses_the_public_sanitizer(client, volunteer):
    form = text(client.get("/manage/case/new"))
    assert 'formaction="/manage/preview"' in form
    response = client.post(
        "/manage/preview",
        data={"narrative": "A **driver** was hurt.<script>alert(1)</script>", "title": "x"},
    )
    page = text(response)
    assert response.status_code == 200
    assert "<strong>driver</strong>" in page and "<script>alert(1)" not in page
    assert client.post("/manage/preview", data={"narrative": "x" * 20001}).status_code == 400


def test_search_and_sources_pages_do_not_grow_with_records(client, volunteer, db):
    from tests.factories import make_source
    from tests.querycount import count_queries

    def queries(url):
        """How many statements one GET of ``url`` runs."""
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    def add(count):
        """``count`` cases citing a new source each."""
        for _ in range(count):
            case = authored_by(make_case(), volunteer)
            case.citations.append(Citation(source=make_source()))
        db.session.commit()
        db.session.expire_all()

    urls = ("/manage/search?q=case&sort=title", "/manage/sources/", "/manage/")
    add(3)
    small = [queries(url) for url in urls]
    add(20)
    assert [queries(url) for url in urls] == small


def test_each_kinds_list_has_the_searchs_columns_filters_sort_and_pages(client, volunteer, db):
    """/manage/<kind>/ is the workspace search with the kind fixed: nothing capped at 500."""
    per_page = client.application.config["PER_PAGE"]
    for number in range(per_page + 1):
        authored_by(make_complaint(title=f"Complaint {number:03d}"), volunteer)
    make_case(title="Not a complaint")
    db.session.commit()
    first = text(client.get("/manage/complaint/?sort=title"))
    assert "<h1>Complaint records</h1>" in first and "New complaint" in first
    assert f"{per_page + 1} records" in first  # the table's caption counts every match
    assert '<th scope="col">Status</th>' in first and "Not a complaint" not in first
    assert "Complaint 000" in first and f"Complaint {per_page:03d}" not in first
    assert "/manage/complaint/?page=2&amp;sort=title" in first  # the pages keep the order
    second = text(client.get("/manage/complaint/?sort=title&page=2"))
    assert f"Complaint {per_page:03d}" in second and "Complaint 000" not in second
    mine = text(client.get("/manage/complaint/?author=me&q=Complaint+001"))
    assert "1 record" in mine and "Complaint 001" in mine
    assert "No record matches." in text(client.get("/manage/complaint/?status=published"))
