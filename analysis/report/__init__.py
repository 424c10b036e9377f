"""The offline HTML report: executing notebooks, figures, rendering, provenance and the student version."""
from .notebook_parts import (Piece, title, pieces, section_names, section_markdown, list_items,
    learning_goals, findings)
from .provenance import Checksum, package_versions, sha256_file, seed_checksums, git_commit, build_time
from .site import (ReportError, Page, notebook_paths, execute_notebook, cell_errors, execute_all,
    figure_description, annotate_figures, markdown_html, has_math, headings, render_page,
    render_index, has_widgets, site_info, default_jobs, build_report)
from .student import is_solution_cell, strip_solution_text, student_notebook, write_student_version

__all__ = ["Piece", "title", "pieces", "section_names", "section_markdown", "list_items",
    "learning_goals", "findings", "Checksum", "package_versions", "sha256_file", "seed_checksums",
    "git_commit", "build_time", "ReportError", "Page", "notebook_paths", "execute_notebook",
    "cell_errors", "execute_all", "figure_description", "annotate_figures", "markdown_html", "has_math",
    "headings", "render_page", "render_index", "has_widgets", "site_info", "default_jobs",
    "build_report", "is_solution_cell", "strip_solution_text", "student_notebook",
    "write_student_version"]
