"""dienststand: the clock's fixed date and the reference-data version every process shares

``serve --workers N`` and scale-out replicas each hold the clock and the reference data in
memory; this row tells them when another process changed either (issue "Scale and
performance": several processes on one database must answer as one service).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:00:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('dienststand',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('datum_versie', sa.Integer(), nullable=False),
    sa.Column('vaste_datum', sa.Date(), nullable=True),
    sa.Column('referentiedata_versie', sa.Integer(), nullable=False),
    sa.Column('gewijzigd_op', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('dienststand')
