"""Sign in and sign out."""

from datetime import timedelta

from flask import flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from sqlalchemy import func, select

from tracker.auth import bp
from tracker.auth.forms import EmptyForm, LoginForm
from tracker.auth.safety import safe_next
from tracker.extensions import db
from tracker.models import User
from tracker.models.base import utcnow

REMEMBER_FOR = timedelta(days=30)
GENERIC_FAILURE = "That email and password do not match an active account."


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Show the sign-in form and sign the user in."""
    form = LoginForm(next=request.args.get("next", ""))
    if current_user.is_authenticated:
        return redirect(safe_next(form.next.data) or url_for("public.index"))
    if form.validate_on_submit():
        user = db.session.scalars(
            select(User).where(func.lower(User.email) == form.email.data.strip().lower())
        ).first()
        if user is None or not user.check_password(form.password.data) or not user.active:
            form.password.errors.append(GENERIC_FAILURE)
        else:
            session.clear()  # a fresh session at sign-in defeats session fixation
            login_user(user, remember=form.remember.data, duration=REMEMBER_FOR)
            user.last_login_at = utcnow()
            db.session.commit()
            flash(f"Signed in as {user.display_name}.", "success")
            return redirect(safe_next(form.next.data) or url_for("public.index"))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    """Sign out (POST only, with a CSRF token)."""
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        session.clear()
        flash("You are signed out.", "info")
    return redirect(url_for("public.index"))
