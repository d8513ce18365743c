"""In-desk notifications: the bell in the status bar and its list (issue 4)."""
