"""Customers 客户: the lazy list, the customer card, contacts, edit dialogs, Excel import."""
