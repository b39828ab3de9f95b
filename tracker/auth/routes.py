"""Sign in and out, change one's password, accept an invitation."""

from datetime import timedelta

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFError
from sqlalchemy import func, select

from tracker.auth import bp
from tracker.auth.forms import EmptyForm, LoginForm
from tracker.auth.invitations import claim_invitation, find_invitation
from tracker.auth.limits import per_account, per_address, remember_device, too_many_attempts
from tracker.auth.safety import safe_next
from tracker.errors import render_error
from tracker.extensions import db
from tracker.manage.forms.users import ChangePasswordForm, SetPasswordForm
from tracker.models import User
from tracker.models.base import utcnow
from tracker.models.users import spend_password_work

REMEMBER_FOR = timedelta(days=30)
GENERIC_FAILURE = "That email and password do not match an active account."
CSRF_FAILURE = (
    "This form could not be accepted: it was open for more than {hours} hours, or you signed "
    "out since it was loaded. Go back, reload the page and send it again (copy anything long "
    "you typed first)."
)

bp.register_error_handler(429, too_many_attempts)


@bp.app_errorhandler(CSRFError)
def csrf_failed(error):
    """A missing, expired or foreign CSRF token: say what to do instead of a bare 400."""
    limit = current_app.config.get("WTF_CSRF_TIME_LIMIT") or 8 * 3600
    return render_error(400, CSRF_FAILURE.format(hours=max(1, round(limit / 3600))))


@bp.route("/login", methods=["GET", "POST"])
@per_address
@per_account
def login():
    """Show the sign-in form and sign the user in."""
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated:
        return redirect(safe_next(form.next.data) or url_for("public.index"))
    if form.validate_on_submit():
        user = db.session.scalars(
            select(User).where(func.lower(User.email) == form.email.data.strip().lower())
        ).first()
        if user is None:
            spend_password_work(form.password.data)  # as long as a wrong password takes
        if user is None or not user.check_password(form.password.data) or not user.active:
            form.password.errors.append(GENERIC_FAILURE)
        else:
            session.clear()  # a fresh session at sign-in defeats session fixation
            login_user(user, remember=form.remember.data, duration=REMEMBER_FOR)
            user.last_login_at = utcnow()
            db.session.commit()
            flash(f"Signed in as {user.display_name}.", "success")
            # Volunteers come to work: land on the workspace unless a page asked to come back.
            response = redirect(safe_next(form.next.data) or url_for("manage.dashboard"))
            return remember_device(response, user.email)
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST only, with a CSRF token), everywhere.

    Ends this session, the remember-me cookie, and any copy of either, on this device or
    another (the account's session version moves on).
    """
    form = EmptyForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:
            user = current_user._get_current_object()
            user.end_sessions()  # every cookie naming the old session version stops working
            db.session.commit()
        session.clear()
        # After the clear, not before: logout_user() leaves the instruction to delete the
        # remember-me cookie in the session, which the clear would throw away.
        logout_user()
        flash("You are signed out. Other devices signed in to your account are too.", "info")
    return redirect(url_for("public.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def password():
    """Change one's own password (the current one is asked first)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current.data):
            form.current.errors.append("That is not your current password.")
        else:
            user = current_user._get_current_object()
            user.set_password(form.password.data)
            db.session.commit()
            login_user(user)  # this session carries the new version; others are signed out
            flash(
                "Your password is changed. Other devices signed in with it are signed out.",
                "success",
            )
            return redirect(url_for("manage.dashboard"))
    return render_template("auth/password.html", form=form)


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    """Set a password from a one-time invitation link, then sign in."""
    invitation = find_invitation(token)
    if invitation is None:
        return render_template("auth/invitation_invalid.html"), 404
    form = SetPasswordForm()
    if form.validate_on_submit():
        if not claim_invitation(invitation):  # another request used it a moment ago
            db.session.rollback()
            return render_template("auth/invitation_invalid.html"), 404
        invitation.user.set_password(form.password.data)
        db.session.commit()
        flash("Your password is set. Sign in with your email and the new password.", "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/accept_invitation.html", form=form, user=invitation.user)
