"""texcv: compile a CV kept as YAML data into a moderncv LaTeX PDF."""

__version__ = "0.1.0"
