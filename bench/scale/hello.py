"""A hello-world Flask app: the ceiling the tracker is compared with under the same gunicorn."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello():
    """The smallest useful answer."""
    return "Hello, world!"
