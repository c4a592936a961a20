"""The PySide6 GUI. Qt lives only here; it talks to services, never to the store."""
