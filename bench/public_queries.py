"""SQL queries per public page with 1 and with 50 of every linked record.

Builds each world on a throwaway SQLite database, prints a table, and exits non-zero when a page
goes over its budget (``tests/test_query_counts.py``) or its count grows with the number of
linked records.
"""

import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from tests.querycount import count_queries  # noqa: E402
from tests.test_query_counts import _paths, _world, budget_of  # noqa: E402
from tracker import create_app  # noqa: E402
from tracker.extensions import db  # noqa: E402


def measure(size):
    """``({label: queries}, [labels over budget])`` for a fresh world of ``size`` linked records."""
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        app = create_app({"TRACKER_ENV": "testing", "SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            upgrade()
            case, officer = _world(size)
            client = app.test_client()
            counts, over = {}, []
            for path in _paths(case, officer):
                label = re.sub(r"^/sources/\d+", "/sources/<id>", path)
                label = label.replace(str(case.id), "<case>").replace(str(officer.id), "<officer>")
                db.session.expire_all()
                with count_queries() as seen:
                    assert client.get(path).status_code == 200, path
                counts[label] = seen.count
                if seen.count > budget_of(path, case, officer):
                    over.append(label)
            db.session.remove()
            db.engine.dispose()
    return counts, over


def main():
    """Print queries per page for 1 and 50 linked records."""
    (small, small_over), (big, big_over) = measure(1), measure(50)
    print(f"{'page':<22} {'1 linked':>9} {'50 linked':>10}")
    for label in small:
        print(f"{label:<22} {small[label]:>9} {big[label]:>10}")
    over = sorted(set(small_over + big_over))
    print(f"over budget: {', '.join(over) or 'none'}")
    return 0 if not over and small == big else 1


if __name__ == "__main__":
    sys.exit(main())
