"""A second step before an action that is hard to undo, without JavaScript.

The action's button posts its form as usual; the route answers with a page that says what will
happen and repeats the form's values with ``confirmed=yes`` in a second form. Only that second
post acts. Cancel is a plain link back.
"""

from flask import render_template, request

CONFIRMED = "yes"


def confirmed():
    """True when this POST is the confirmation, not the first click."""
    return request.form.get("confirmed") == CONFIRMED


def confirmation_page(title, question, consequences, button, cancel_url, fields=None, inputs=()):
    """The page that asks before acting; ``fields`` are form values to send again.

    ``inputs`` are form fields asked on the confirmation itself (a reason, say).
    """
    return render_template(
        "manage/confirm.html",
        title=title,
        question=question,
        consequences=consequences,
        button=button,
        cancel_url=cancel_url,
        action=request.path,
        fields=fields or {},
        inputs=inputs,
        confirmed_value=CONFIRMED,
    )
