"""Questions the application form asks for the apps above this one, which the form and
the application service know only through this list: the expo's results, for one, ask
for the average monthly omzet before the expo while the owner applies."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ApplicationQuestion:
    name: str
    # A new form field for the question, not required: an owner may leave it empty.
    field: Callable
    # What to do with an answer given, called as ``save(application=…, answer=…)`` in the
    # transaction that makes the application: a ValidationError undoes the application too.
    save: Callable


APPLICATION_QUESTIONS = []


def register_application_question(question):
    APPLICATION_QUESTIONS.append(question)
