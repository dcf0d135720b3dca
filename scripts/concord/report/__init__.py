"""Formatters of findings (text, json, github, junit) and the generated check list."""

from concord.report.formats import FORMATS, render

__all__ = ["FORMATS", "render"]
