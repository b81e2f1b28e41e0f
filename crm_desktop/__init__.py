"""CRM Desktop: an offline-first desktop CRM for field sales teams."""

__version__ = "0.1.0"
