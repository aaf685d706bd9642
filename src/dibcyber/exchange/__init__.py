"""Formats exchanged with other tools: workbook, OSCAL, CI outputs, Markdown escaping."""
