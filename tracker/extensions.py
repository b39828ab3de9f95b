"""Every Flask extension, created unbound here and bound in ``create_app``.

Models and blueprints import from this module, never from ``tracker`` itself, which keeps the
import graph free of cycles.
"""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from tracker.models.base import Base
from tracker.replica import TrackerSession

# The session class can read public pages from a replica (tracker/replica.py).
db = SQLAlchemy(model_class=Base, session_options={"class_": TrackerSession})
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
