"""Root query fields, one module per feature."""
