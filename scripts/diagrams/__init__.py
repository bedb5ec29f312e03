"""Diagram modules. Each module defines FIGURES: {file stem: function -> Figure}."""
