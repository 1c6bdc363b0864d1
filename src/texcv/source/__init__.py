"""Stage 1, source: read cv.yaml and .bib files, keeping where everything came from.

Knows YAML, BibTeX, git and file positions; nothing about CVs.
"""
