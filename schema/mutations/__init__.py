"""Root mutation fields, one module per feature."""
