"""Charts: server-rendered SVG (usable in PDFs) with the same numbers as a table."""
