"""Tiny role decorators: anonymous users go to sign-in, signed-in users without the role get 403."""

from functools import wraps

from flask import abort
from flask_login import current_user

from tracker.extensions import login_manager


def role_required(role):
    """Allow the view to users whose role is ``role`` or above (volunteer < editor < admin)."""

    def decorator(view):
        """Wrap ``view`` with the role check."""

        @wraps(view)
        def wrapped(*args, **kwargs):
            """Redirect anonymous users to sign in; refuse users below ``role``."""
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not current_user.has_role(role):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


volunteer_required = role_required("volunteer")
editor_required = role_required("editor")
admin_required = role_required("admin")
