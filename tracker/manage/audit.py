"""The admins' audit log: every invitation, new sign-in link, role change, disable and enable."""

from flask_login import current_user

from tracker.extensions import db
from tracker.models import AuditEvent


def record_admin_action(action, target, detail=None):
    """Add an entry for ``action`` on user ``target`` by the signed-in admin (same commit)."""
    actor = current_user if current_user.is_authenticated else None
    db.session.add(
        AuditEvent(
            action=action,
            actor_id=getattr(actor, "id", None),
            actor_email=getattr(actor, "email", None),
            target=target,
            target_email=target.email,
            detail=detail[:200] if detail else None,
        )
    )
