"""Forms for inviting users, changing roles and passwords."""

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from tracker.manage.forms.base import options, text
from tracker.models.choices import USER_ROLES

MIN_PASSWORD = 12


def new_password(label="New password"):
    """A password of at least 12 characters."""
    return PasswordField(
        label,
        validators=[
            DataRequired(),
            Length(min=MIN_PASSWORD, max=200, message="Use at least 12 characters."),
        ],
    )


def confirmation():
    """The new password typed again."""
    return PasswordField(
        "Type it again",
        validators=[DataRequired(), EqualTo("password", message="The two passwords differ.")],
    )


class InviteForm(FlaskForm):
    """Invite someone: an account without a password and a one-time link."""

    email = EmailField("Email", validators=[DataRequired(), Email(), Length(max=254)])
    name = text("Name", max_length=120)
    role = SelectField("Role", choices=options(USER_ROLES))


class RoleForm(FlaskForm):
    """Change a user's role."""

    role = SelectField("Role", choices=options(USER_ROLES))


class SetPasswordForm(FlaskForm):
    """Choose a password (from an invitation)."""

    password = new_password("Password")
    confirm = confirmation()


class ChangePasswordForm(FlaskForm):
    """Change one's own password."""

    current = PasswordField("Current password", validators=[DataRequired()])
    password = new_password()
    confirm = confirmation()
