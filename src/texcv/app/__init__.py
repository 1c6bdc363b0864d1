"""Stage 7, app: the CLI, the pipeline, watch, release; the only place that prints."""
