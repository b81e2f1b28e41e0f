"""The central sync server (FastAPI); started by `crm-server`."""
