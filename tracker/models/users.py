"""Accounts: volunteers, editors and admins, and the one-time invitations that create them."""

import secrets
from datetime import datetime
from functools import cache

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.models.base import Base, choice_check, utcnow
from tracker.models.choices import AUDIT_ACTIONS, USER_ROLES

ROLE_RANK = {"volunteer": 1, "editor": 2, "admin": 3}
PASSWORD_METHOD = "scrypt"  # noqa: S105  # nosec B105  # a hashing method, not a password


@cache
def _dummy_hash():
    """A hash of a random password, made once per process with the same method and cost."""
    return generate_password_hash(secrets.token_hex(16), method=PASSWORD_METHOD)


def spend_password_work(password):
    """Hash ``password`` as checking a real account would, and throw the answer away.

    A sign-in for an email with no account (or with no password yet) must take as long as a
    wrong password for a real one, or the time of the answer tells who has an account.
    """
    check_password_hash(_dummy_hash(), password)


class User(UserMixin, Base):
    """A signed-in member of the coalition. There is no open sign-up."""

    __tablename__ = "users"
    __table_args__ = (choice_check("role", USER_ROLES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16), default="volunteer")
    password_hash: Mapped[str | None] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The dashboard's inbox lists what happened to the user's records since this moment.
    last_workspace_visit_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Part of the sign-in cookie: a new password bumps it, which ends every other session.
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")

    def get_id(self):
        """The id Flask-Login keeps in the session and remember-me cookie: id and version."""
        return f"{self.id}:{self.session_version or 1}"

    @property
    def is_active(self):
        """Disabled users cannot sign in (Flask-Login reads this)."""
        return self.active

    @property
    def display_name(self):
        """The name to show, falling back to the email address."""
        return self.name or self.email

    def set_password(self, password):
        """Store a scrypt hash of ``password`` and end the sessions signed in with the old one."""
        self.password_hash = generate_password_hash(password, method=PASSWORD_METHOD)
        self.end_sessions()

    def check_password(self, password):
        """True when ``password`` matches the stored hash (the same work when there is none)."""
        if not self.password_hash:
            spend_password_work(password)
            return False
        return check_password_hash(self.password_hash, password)

    def end_sessions(self):
        """Sign out every session and remember-me cookie of this account, on every device."""
        self.session_version = (self.session_version or 0) + 1

    def has_role(self, role):
        """True when the user's role is ``role`` or above it."""
        return ROLE_RANK[self.role] >= ROLE_RANK[role]


class Invitation(Base):
    """A one-time link an admin copies to a new user; only its hash is stored."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set when a newer invitation for the same user replaced this one before it was used.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship("User", foreign_keys=[user_id])
    created_by = relationship("User", foreign_keys=[created_by_id])


class AuditEvent(Base):
    """One admin action on an account: who did what to whom, and when. Never changed."""

    __tablename__ = "audit_events"
    __table_args__ = (choice_check("action", AUDIT_ACTIONS),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # The emails as they were, so an entry still reads right if an account is ever removed.
    actor_email: Mapped[str | None] = mapped_column(String(254))
    target_email: Mapped[str | None] = mapped_column(String(254))
    detail: Mapped[str | None] = mapped_column(String(200))

    actor = relationship("User", foreign_keys=[actor_id])
    target = relationship("User", foreign_keys=[target_id])
