"""Event extraction: kinds, dates, figures, actors and places of reported events."""
