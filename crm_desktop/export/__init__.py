"""Excel export (XlsxWriter) and the weekly summary's data; no Qt."""
