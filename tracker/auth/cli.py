"""``flask create-user``: make an account from the command line."""

import sys

import click
from email_validator import EmailNotValidError, validate_email
from flask.cli import with_appcontext
from sqlalchemy import func, select

from tracker.extensions import db
from tracker.models import User
from tracker.models.choices import USER_ROLES

MIN_PASSWORD_LENGTH = 12


def password_problem(password):
    """Return what is wrong with ``password``, or None when it is acceptable."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"The password must be at least {MIN_PASSWORD_LENGTH} characters long."
    if len(password) > 200:
        return "The password must be at most 200 characters long."
    return None


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice(list(USER_ROLES)), required=True, help="The role.")
@click.option("--name", default=None, help="The name other users see.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@with_appcontext
def create_user_command(email, role, name, password_stdin):
    """Create a user with EMAIL and --role; asks for the password twice."""
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise click.BadParameter(str(error), param_hint="EMAIL") from None
    exists = db.session.scalar(select(User.id).where(func.lower(User.email) == email.lower()))
    if exists:
        raise click.ClickException(f"A user with the email {email} already exists.")
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password)
    if problem:
        raise click.ClickException(problem)
    user = User(email=email, role=role, name=name)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    click.echo(f"Created {role} {email}.")
