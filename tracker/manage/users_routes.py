"""User admin (admins only): invite, change roles, disable and re-enable."""

from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user
from sqlalchemy import func, select

from tracker.auth.decorators import admin_required
from tracker.auth.forms import EmptyForm
from tracker.auth.invitations import create_invitation
from tracker.extensions import db
from tracker.manage import bp
from tracker.manage.forms.users import InviteForm, RoleForm
from tracker.models import User


def _user(user_id):
    """The user with ``user_id``, or 404."""
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _is_last_admin(user):
    """True when ``user`` is the only active admin left."""
    if user.role != "admin" or not user.active:
        return False
    count = db.session.scalar(
        select(func.count()).select_from(User).where(User.role == "admin", User.active.is_(True))
    )
    return count <= 1


def _page(invite_form=None, link=None, status=200):
    """The users page: everyone, the invite form, and a fresh invitation link once."""
    users = db.session.scalars(select(User).order_by(User.active.desc(), User.email)).all()
    return render_template(
        "manage/users.html",
        users=users,
        invite_form=invite_form or InviteForm(),
        role_forms={user.id: RoleForm(role=user.role) for user in users},
        button=EmptyForm(),
        link=link,
    ), status


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
    db.session.commit()
    link = url_for("auth.accept_invitation", token=token, _external=True)
    flash(f"Invitation created for {email}. Copy the link now: it is shown only once.", "success")
    return _page(link=link)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id):
    """Change a user's role; the last active admin keeps theirs."""
    user = _user(user_id)
    form = RoleForm()
    if form.validate_on_submit():
        if form.role.data != "admin" and _is_last_admin(user):
            flash(
                "The last active admin cannot be demoted: make someone else admin first.", "error"
            )
        else:
            user.role = form.role.data
            db.session.commit()
            flash(f"{user.display_name} is now {user.role}.", "success")
    return redirect(url_for("manage.users"))


@bp.route("/users/<int:user_id>/active", methods=["POST"])
@admin_required
def toggle_active(user_id):
    """Disable an account, or enable it again; the last active admin stays enabled."""
    user = _user(user_id)
    if EmptyForm().validate_on_submit():
        if user.active and _is_last_admin(user):
            flash("The last active admin cannot be disabled.", "error")
        else:
            user.active = not user.active
            db.session.commit()
            state = "enabled" if user.active else "disabled"
            flash(f"{user.display_name}'s account is {state}.", "success")
    return redirect(url_for("manage.users"))


@bp.route("/users/<int:user_id>/reinvite", methods=["POST"])
@admin_required
def reinvite(user_id):
    """A new one-time link for an existing user (a forgotten password, a lost invitation)."""
    user = _user(user_id)
    if not EmptyForm().validate_on_submit() or not user.active:
        return redirect(url_for("manage.users"))
    token = create_invitation(user, current_user)
    db.session.commit()
    flash(f"New link for {user.email}: copy it now, it is shown only once.", "success")
    return _page(link=url_for("auth.accept_invitation", token=token, _external=True))
