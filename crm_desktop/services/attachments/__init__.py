"""Attachments: photos and files on records, their blobs and their background transfer."""
