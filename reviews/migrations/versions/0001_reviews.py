"""The reviews of alignment links.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_unit_id", sa.String(300), nullable=False, index=True),
        sa.Column("target_unit_id", sa.String(300), nullable=False, index=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("reviewer", sa.String(120), nullable=False, server_default=""),
        sa.Column("source_text_hash", sa.String(40), nullable=False),
        sa.Column("target_text_hash", sa.String(40), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("source_unit_id", "target_unit_id", name="one_review_per_link"),
    )


def downgrade() -> None:
    op.drop_table("reviews")
