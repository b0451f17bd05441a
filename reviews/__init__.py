"""What planners and staff tell the system, kept in a real database (SQLAlchemy; SQLite by default,
PostgreSQL by URL): reviews of alignment links, applied to the aligner's pairs (confirmed links first and
counted in coverage, rejected ones hidden, links the aligner did not propose added), and feedback on answers."""
