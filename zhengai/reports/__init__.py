"""Reports as plain data: the annual quality report."""
