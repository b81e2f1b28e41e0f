"""Attachments 附件 (issue 17): the thumbnail strip every owner record shows
(`strip.AttachmentStrip`), the viewer (`viewer.AttachmentViewer`), what a drop, a paste
or the file picker brings in (`incoming.py`) and the images decoded off the GUI thread
(`images.py`)."""
