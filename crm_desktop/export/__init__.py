"""Excel export and chart data (openpyxl); no Qt."""
