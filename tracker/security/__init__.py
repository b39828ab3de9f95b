"""Security settings applied to every response (``headers.py``)."""
