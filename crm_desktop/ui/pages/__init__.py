"""The page framework: `Page` and `PageContext` (base.py) and the ordered list of pages
(registry.py). Each page lives in its feature's package (ui/plans/page.py, ...)."""
