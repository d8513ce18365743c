"""The order view's small dialogs: one per action, each OK/Cancel (Enter/Esc)."""
