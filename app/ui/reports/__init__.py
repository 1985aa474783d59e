"""The console's 报表 page and the report PDF (issue 15)."""
