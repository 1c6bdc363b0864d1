"""Stage 3, prepare: what this build prints (works from .bib files, owner names, the variant)."""
