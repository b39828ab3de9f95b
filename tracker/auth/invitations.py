"""One-time invitation links: only a SHA-256 of the token is stored; valid for 7 days."""

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select

from tracker.extensions import db
from tracker.models import Invitation
from tracker.models.base import utcnow

VALID_FOR = timedelta(days=7)


def token_hash(token):
    """The stored form of ``token``."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(user, created_by):
    """Add an invitation for ``user``; return the token (shown once, never stored)."""
    token = secrets.token_urlsafe(32)
    db.session.add(
        Invitation(
            user=user,
            token_hash=token_hash(token),
            created_by_id=getattr(created_by, "id", None),
            expires_at=utcnow() + VALID_FOR,
        )
    )
    return token


def _aware(moment):
    """SQLite returns naive timestamps; they are UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def find_invitation(token):
    """The unused, unexpired invitation for ``token`` (of an active user), or None."""
    invitation = db.session.scalars(
        select(Invitation).where(Invitation.token_hash == token_hash(token or ""))
    ).first()
    if invitation is None or invitation.used_at is not None:
        return None
    if _aware(invitation.expires_at) <= utcnow() or not invitation.user.active:
        return None
    return invitation
