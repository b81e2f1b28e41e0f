"""The Review 审阅 page's parts: the queue and actions panel, and the item view."""
