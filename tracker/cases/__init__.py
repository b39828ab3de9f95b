"""Cases: the public case list and case pages (routes are added by the public-site work)."""
