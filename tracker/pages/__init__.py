"""Page models: what each public page shows, loaded once for its HTML, its PDF and its JSON.

``case_page`` / ``case_pages`` (batched over ids), ``officer_page`` and ``demand_page`` return
dataclasses of ORM objects in their final order, with numbered sources and the fingerprint of
the PDF cache. They run behind the visibility boundary (``tracker.records.visibility``).
"""
