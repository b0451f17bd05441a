"""Reviews of alignment links by planners, kept in a real database (SQLAlchemy; SQLite by default,
PostgreSQL by URL), and applied to the aligner's pairs: confirmed links first and counted in coverage,
rejected ones hidden, links the aligner did not propose added."""
