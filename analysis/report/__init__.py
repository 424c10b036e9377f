"""The offline HTML report and the student version of the notebooks.

``execute`` runs each numbered notebook in a fresh kernel on a seeds folder,
``figures`` gives every figure its alternative text, caption and files,
``render`` turns notebooks into pages through the templates in ``assets/``,
``site`` builds the whole site (:func:`build_report`); ``notebook_parts`` reads
a notebook's skeleton (title, learning goals, findings), ``provenance`` the
versions and checksums of the footer, ``student`` writes the exercise version.
"""
from .execute import Page, ReportError, notebook_paths
from .render import headings
from .site import MARKER, build_report
from .student import write_student_version
from .run import Progress
__all__ = ["Page", "ReportError",
           "notebook_paths", "headings", "MARKER", "build_report", "write_student_version", "Progress"]
