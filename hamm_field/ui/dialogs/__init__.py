"""Dialogs: Kontakt erfassen, Starterpaket, family and member forms."""
