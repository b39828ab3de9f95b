"""Accounts: volunteers, editors and admins, and the one-time invitations that create them."""

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from tracker.models.base import Base, choice_check, utcnow
from tracker.models.choices import USER_ROLES

ROLE_RANK = {"volunteer": 1, "editor": 2, "admin": 3}


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
        self.password_hash = generate_password_hash(password, method="scrypt")
        self.session_version = (self.session_version or 0) + 1

    def check_password(self, password):
        """True when ``password`` matches the stored hash."""
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

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

    user = relationship("User", foreign_keys=[user_id])
    created_by = relationship("User", foreign_keys=[created_by_id])
