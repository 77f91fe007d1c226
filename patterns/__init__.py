"""Pattern and vocabulary data files, one per language and dimension (``patterns/<lang>/<dimension>.toml``)."""
