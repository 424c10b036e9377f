"""The offline HTML report and the student version of the notebooks.

``execute`` runs each numbered notebook in a fresh kernel on a seeds folder,
``figures`` gives every figure its alternative text, caption and files,
``render`` turns notebooks into pages through the templates in ``assets/``,
``site`` builds the whole site (:func:`build_report`); ``notebook_parts`` reads
a notebook's skeleton (title, learning goals, findings), ``provenance`` the
versions and checksums of the footer, ``student`` writes the exercise version.
"""
from .execute import Page, ReportError, default_jobs, execute_all, notebook_paths
from .figures import annotate_figures, figure_description, figure_entries
from .render import has_math, has_widgets, headings, markdown_html, render_index, render_page
from .site import MARKER, build_report, site_info
from .student import student_notebook, write_student_version
from .prose import INDEX_ROWS, Sides, index_heading, index_lead
from .run import Progress, precompute_entities, uses_entities

__all__ = ["Page", "ReportError", "default_jobs", "execute_all",
           "notebook_paths", "annotate_figures", "figure_description", "figure_entries", "has_math",
           "has_widgets", "headings", "markdown_html", "render_index", "render_page", "MARKER", "build_report",
           "site_info", "student_notebook", "write_student_version",
           "INDEX_ROWS", "Sides", "index_heading", "index_lead", "Progress",
           "precompute_entities", "uses_entities"]
