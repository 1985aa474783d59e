"""The reports the district circulates (issue 15): 日报, 月报 and a street's 年度体检报告.

`document.py` is the one shape every report is built into (no Qt, no files); builders fill it from the
summary tables through app/services/metrics.py, and writers turn it into XLSX or PDF.
"""
