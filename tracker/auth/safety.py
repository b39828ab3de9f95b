"""Redirect targets: only a path on this site is followed after signing in."""

from urllib.parse import urlsplit


def safe_next(target):
    r"""Return ``target`` if it is a local path (no scheme, no host), otherwise None.

    Refuses ``//host``, ``/\host``, ``https:host`` and anything with control characters,
    which browsers may read as another site.
    """
    if not target or not isinstance(target, str):
        return None
    if any(ord(char) < 32 for char in target) or "\\" in target:
        return None
    if not target.startswith("/") or target.startswith("//"):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
