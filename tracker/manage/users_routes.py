"""User admin (admins only): invite, change roles, disable and re-enable, and the audit log.

Disabling an account and changing a role ask for confirmation first; every one of these actions
is written to the audit log in the same commit. Some active admin who can sign in (who has set a
password) always remains: the change that would take the last one away is refused.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from tracker.auth.decorators import admin_required
from tracker.auth.forms import EmptyForm
from tracker.auth.invitations import create_invitation
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.audit import record_admin_action
from tracker.manage.confirm import confirmation_page, confirmed
from tracker.manage.forms.users import InviteForm, RoleForm
from tracker.models import AuditEvent, User
from tracker.models.choices import USER_ROLES
from tracker.models.users import ROLE_RANK

AUDIT_PER_PAGE = 50
MAX_AUDIT_PAGE = 100_000
NO_ADMIN_LEFT = (
    "No other active admin can sign in (an admin who has not set a password yet does not "
    "count), so {name} {what}: make someone else admin first, and let them set a password."
)


def _user(user_id):
    """The user with ``user_id``, or 404."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _leaves_no_admin(user):
    """True when disabling or demoting ``user`` would leave no active admin who can sign in.

    The other admins' rows stay locked until the commit (PostgreSQL), so two admins cannot
    take each other out at the same moment.
    """
    if user.role != "admin" or not user.active:
        return False
    others = db.session.scalars(
        select(User.id)
        .where(
            User.role == "admin",
            User.active.is_(True),
            User.password_hash.is_not(None),
            User.id != user.id,
        )
        .with_for_update()
    ).all()
    return not others


def _page(invite_form=None, link=None, status=200):
    """The users page: everyone, the invite form, and a fresh invitation link once."""
    users = db.session.scalars(select(User).order_by(User.active.desc(), User.email)).all()
    return render_template(
        "manage/users.html",
        users=users,
        invite_form=invite_form or InviteForm(formdata=None),
        # Each row shows that user's own role: never read from this request's form data
        # (after an invitation it holds the invited role).
        role_forms={user.id: RoleForm(formdata=None, role=user.role) for user in users},
        button=EmptyForm(),
        link=link,
    ), status


def _is_me(user):
    """True when ``user`` is the signed-in admin."""
    return user.id == current_user.id


@bp.route("/users")
@admin_required
def users():
    """Everyone with an account."""
    return _page()


@bp.route("/users/invite", methods=["POST"])
@admin_required
def invite():
    """Create an account without a password and show its one-time link (valid 7 days)."""
    form = InviteForm()
    if not form.validate_on_submit():
        return _page(form)
    email = form.email.data.strip().lower()
    if db.session.scalar(select(User).where(func.lower(User.email) == email)) is not None:
        form.email.errors.append("There is already an account with this email.")
        return _page(form)
    user = User(email=email, name=form.name.data, role=form.role.data, active=True)
    db.session.add(user)
    token = create_invitation(user, current_user)
    record_admin_action("invite", user, f"as {USER_ROLES[user.role].lower()}")
    db.session.commit()
    link = url_for("auth.accept_invitation", token=token, _external=True)
    flash(f"Invitation created for {email}. Copy the link now: it is shown only once.", "success")
    return _page(link=link)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id):
    """Change a user's role, after confirmation; the last admin who can sign in keeps theirs."""
    user = _user(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash("Choose a role from the list.", "error")
        return redirect(url_for("manage.users"))
    role = form.role.data
    if role == user.role:
        flash(f"{user.display_name} is already {USER_ROLES[role].lower()}.", "info")
        return redirect(url_for("manage.users"))
    if role != "admin" and _leaves_no_admin(user):
        flash(NO_ADMIN_LEFT.format(name=user.display_name, what="must stay admin"), "error")
        return redirect(url_for("manage.users"))
    old, new = USER_ROLES[user.role].lower(), USER_ROLES[role].lower()
    if not confirmed():
        consequences = [
            f"{user.display_name} ({user.email}) will be {new} instead of {old}.",
            f"From their next page on, they can do everything a {new} can."
            if ROLE_RANK[role] > ROLE_RANK[user.role]
            else f"From their next page on, they can no longer do what only a {old} can.",
        ]
        if _is_me(user):
            consequences.append("This is your own account: you cannot undo it yourself.")
        return confirmation_page(
            title="Change a role",
            question=f"Make {user.display_name} {new}?",
            consequences=consequences,
            button=f"Make {new}",
            cancel_url=url_for("manage.users"),
            fields={"role": role},
        )
    user.role = role
    record_admin_action("role", user, f"from {old} to {new}")
    db.session.commit()
    flash(f"{user.display_name} is now {new}.", "success")
    return redirect(url_for("manage.users"))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@admin_required
def toggle_active(user_id):
    """Disable an account (after confirmation), or enable it again.

    The last admin who can sign in stays enabled. Disabling ends every session of the account.
    """
    user = _user(user_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("manage.users"))
    if user.active:
        if _leaves_no_admin(user):
            flash(NO_ADMIN_LEFT.format(name=user.display_name, what="cannot be disabled"), "error")
            return redirect(url_for("manage.users"))
        if not confirmed():
            consequences = [
                "They cannot sign in, and every session they have open ends at once.",
                "Their records and history stay; an admin can enable the account again.",
            ]
            if _is_me(user):
                consequences.append("This is your own account: you will be signed out now.")
            return confirmation_page(
                title="Disable an account",
                question=f"Disable the account of {user.display_name} ({user.email})?",
                consequences=consequences,
                button="Disable the account",
                cancel_url=url_for("manage.users"),
            )
        user.active = False
        user.end_sessions()  # enabling it again must not bring old cookies back to life
        record_admin_action("disable", user)
    else:
        user.active = True
        record_admin_action("enable", user)
    db.session.commit()
    state = "enabled" if user.active else "disabled"
    flash(f"{user.display_name}'s account is {state}.", "success")
    return redirect(url_for("manage.users"))


@bp.route("/users/<int:user_id>/reinvite", methods=["POST"])
@admin_required
def reinvite(user_id):
    """A new one-time link for an existing user (a forgotten password, a lost invitation).

    The user's older unused links stop working.
    """
    user = _user(user_id)
    if not EmptyForm().validate_on_submit() or not user.active:
        return redirect(url_for("manage.users"))
    token = create_invitation(user, current_user)
    record_admin_action("new_link", user)
    db.session.commit()
    flash(
        f"New link for {user.email}: copy it now, it is shown only once. "
        "Any older link of theirs no longer works.",
        "success",
    )
    return _page(link=url_for("auth.accept_invitation", token=token, _external=True))


@bp.route("/audit")
@admin_required
def audit_log():
    """Who invited, re-invited, changed the role of, disabled or enabled whom, newest first."""
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_AUDIT_PAGE)
    events = db.session.scalars(
        select(AuditEvent)
        .options(selectinload(AuditEvent.actor), selectinload(AuditEvent.target))
        .order_by(AuditEvent.id.desc())
        .offset((page - 1) * AUDIT_PER_PAGE)
        .limit(AUDIT_PER_PAGE + 1)
    ).all()
    return render_template(
        "manage/audit.html",
        events=events[:AUDIT_PER_PAGE],
        page=page,
        has_more=len(events) > AUDIT_PER_PAGE,
    )
