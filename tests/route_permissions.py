"""What each route answers to each role: the table ``test_route_permissions`` walks.

Every endpoint in the app must have a row; a new route without one fails the test. Values are
HTTP status codes: 200 the page, 302 a redirect (for anonymous users: to the sign-in page),
403 refused, 404 not found, 405 wrong method. POST-only routes are requested with POST.
"""

from tracker.kind_pages import own_page_kinds

ROLES = ("anonymous", "volunteer", "editor", "admin")


def row(anonymous, volunteer, editor, admin):
    """One table row, in the order of ROLES."""
    return dict(zip(ROLES, (anonymous, volunteer, editor, admin), strict=True))


PUBLIC = row(200, 200, 200, 200)
SIGNED_IN = row(302, 200, 200, 200)  # any account; anonymous users are sent to sign in
EDITORS = row(302, 403, 200, 200)
ADMINS = row(302, 403, 403, 200)
# POST actions that redirect back after acting.
ACT_SIGNED_IN = row(302, 302, 302, 302)
ACT_OWN = row(302, 403, 302, 302)  # the test's record belongs to the admin, not the volunteer
ACT_EDITORS = row(302, 403, 302, 302)
ACT_ADMINS = row(302, 403, 403, 302)
# POST actions that first answer with a page asking for confirmation.
CONFIRM_EDITORS = row(302, 403, 200, 200)
CONFIRM_ADMINS = row(302, 403, 403, 200)

EXPECTED = {
    "static": PUBLIC,
    "public.index": PUBLIC,
    "demands.scoreboard": PUBLIC,
    "demands.detail": PUBLIC,
    "public.feed": PUBLIC,
    "cases.index": PUBLIC,
    "cases.detail": PUBLIC,
    "officers.index": PUBLIC,
    "cases.officer_lookup": PUBLIC,
    "officers.detail": PUBLIC,
    # Every kind's own pages (``tracker.kind_pages``: meetings, records requests) are public.
    **{
        endpoint: PUBLIC
        for kind in own_page_kinds()
        for endpoint in (
            kind.own_pages.list_endpoint,
            f"{kind.own_pages.blueprint}.detail",
            *([f"reports.{kind.name}_report"] if kind.own_pages.report_template else []),
        )
    },
    "calendar.index": PUBLIC,
    "calendar.feed": PUBLIC,
    "calendar.case_feed": PUBLIC,
    "calendar.demand_feed": PUBLIC,
    "search.results": PUBLIC,
    "reports.case_report": PUBLIC,
    "reports.officer_report": PUBLIC,
    "reports.demand_report": PUBLIC,
    "reports.cases_report": PUBLIC,
    "data.index": PUBLIC,
    "data.download_csv": PUBLIC,
    "data.download_json": PUBLIC,
    "api.index": PUBLIC,
    "api.openapi": PUBLIC,
    **{
        f"api.{kind}_{view}": PUBLIC
        for kind in (
            "cases",
            "officers",
            "complaints",
            "allegations",
            "investigations",
            "duty_events",
            "assignments",
            "legal_actions",
            "meetings",
            "docket_entries",
            "records_requests",
            "demands",
            "sources",
        )
        for view in ("list", "detail")
    },
    "imports.upload": EDITORS,
    "imports.template": EDITORS,
    "imports.roster": EDITORS,
    # Editors only, viewing too: a match's evidence compares names some of which are private.
    "fatal_force.manage": EDITORS,
    "fatal_force.decide_match": ACT_EDITORS,
    "fatal_force.start": ACT_EDITORS,
    "imports.mapping_upload": EDITORS,
    "imports.mapping": row(302, 403, 404, 404),  # the test's token is no stored upload
    "auth.login": row(200, 302, 302, 302),  # signed-in users are sent on
    "auth.logout": ACT_SIGNED_IN,
    "auth.password": SIGNED_IN,
    "auth.accept_invitation": row(404, 404, 404, 404),  # the test's token is not valid
    "manage.dashboard": SIGNED_IN,
    "manage.records": SIGNED_IN,
    "manage.new": SIGNED_IN,
    "manage.view": SIGNED_IN,
    "manage.edit": row(302, 403, 200, 200),
    "manage.history": row(302, 403, 200, 200),
    "manage.restore_revision": CONFIRM_EDITORS,
    "manage.submit": ACT_OWN,
    "manage.publish": ACT_EDITORS,
    "manage.unpublish": ACT_EDITORS,
    "manage.return_record": ACT_EDITORS,
    "manage.cite": ACT_OWN,
    "manage.uncite": ACT_OWN,
    "manage.link_demand": ACT_OWN,
    "manage.unlink_demand": ACT_OWN,
    "manage.demand_status": ACT_EDITORS,
    "manage.new_source": SIGNED_IN,
    "manage.source": SIGNED_IN,
    "manage.source_document": row(302, 404, 404, 404),  # the test's source has no document
    "manage.review_document": ACT_EDITORS,
    "manage.sources": SIGNED_IN,
    "manage.search": SIGNED_IN,
    "manage.withdraw": ACT_OWN,  # the test's draft is not in review: refused with a message
    "manage.discard": CONFIRM_EDITORS,  # a never-published draft: "discard it?"
    "manage.restore_draft": ACT_OWN,  # the test's draft is not discarded: refused with a message
    "manage.markdown_preview": SIGNED_IN,
    "manage.edit_source_page": row(302, 403, 200, 200),  # the test's source is nobody's own
    "sources.detail": PUBLIC,  # a source a published record cites
    "sources.document": row(404, 404, 404, 404),  # ... which has no document
    "sharing.robots": PUBLIC,
    "sharing.sitemap_index": PUBLIC,
    "sharing.sitemap_part": PUBLIC,  # part 1: there is always one
    "sharing.favicon": PUBLIC,
    "sharing.site_preview": PUBLIC,
    "sharing.preview_image": PUBLIC,  # the published case's card
    "manage.users": ADMINS,
    "manage.allegation_categories": EDITORS,
    "manage.audit_log": ADMINS,
    "manage.invite": row(302, 403, 403, 200),  # an empty form is shown again with errors
    "manage.change_role": ACT_ADMINS,
    "manage.toggle_active": CONFIRM_ADMINS,  # an active account: "disable it?"
    "manage.reinvite": row(302, 403, 403, 200),  # shows the new link at once
    # The case file (the admin's draft case): an empty form is shown again with its errors.
    "manage.case_file": SIGNED_IN,
    "manage.cite_case": row(302, 400, 400, 400),
    "manage.case_demands": row(302, 400, 400, 400),
    "manage.submit_case": ACT_SIGNED_IN,  # submits only the user's own drafts (none here)
    "manage.review_case": EDITORS,
    "manage.return_case_record": row(302, 403, 400, 400),
    "manage.quick_create": row(302, 404, 404, 404),  # no lookup field named: nothing to create
    "jobs.detail": row(404, 404, 404, 404),  # the test's token is not a job's
    "jobs.result": row(404, 404, 404, 404),
    "jobs.retry": row(404, 404, 404, 404),
    "jobs.manage": ADMINS,
    "jobs.start_reindex": ACT_ADMINS,
    "jobs.start_downloads": ACT_ADMINS,
}
