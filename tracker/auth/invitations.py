"""One-time invitation links: only a SHA-256 of the token is stored; valid for 7 days.

A user has at most one valid link: a new invitation (a re-invite, a new sign-in link) revokes
the older unused ones. Using a link is one conditional UPDATE (``used_at IS NULL``), so of two
requests that use the same link at once exactly one wins; the other finds it used.
"""

import hashlib
import secrets
from datetime import UTC, timedelta

from sqlalchemy import select, update

from tracker.extensions import db
from tracker.models import Invitation
from tracker.models.base import utcnow

VALID_FOR = timedelta(days=7)


def token_hash(token):
    """The stored form of ``token``."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_invitation(user, created_by):
    """Add an invitation for ``user`` and revoke its older unused ones.

    Returns the token, which is shown once and never stored.
    """
    if user.id is not None:
        db.session.execute(
            update(Invitation)
            .where(
                Invitation.user_id == user.id,
                Invitation.used_at.is_(None),
                Invitation.revoked_at.is_(None),
            )
            .values(revoked_at=utcnow())
            .execution_options(synchronize_session="fetch")
        )
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
    """The unused, unrevoked, unexpired invitation for ``token`` (of an active user), or None."""
    invitation = db.session.scalars(
        select(Invitation).where(Invitation.token_hash == token_hash(token or ""))
    ).first()
    if invitation is None or invitation.used_at is not None or invitation.revoked_at is not None:
        return None
    if _aware(invitation.expires_at) <= utcnow() or not invitation.user.active:
        return None
    return invitation


def claim_invitation(invitation):
    """Mark ``invitation`` used, in the current transaction; False if it is no longer valid.

    The UPDATE only matches a row nobody has used or revoked yet. Under concurrent requests the
    database lets one of them change the row; the others wait for it, find ``used_at`` set
    and change nothing, so exactly one claim succeeds. Commit after a True, roll back after a
    False.
    """
    now = utcnow()
    result = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1
