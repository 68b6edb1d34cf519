"""Scripts that derive bundled reference files from raw public sources (not imported at run time)."""
