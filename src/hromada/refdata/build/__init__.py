"""Scripts deriving bundled reference files from raw public sources (not used at run time)."""
