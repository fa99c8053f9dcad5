"""outbox: delivery lease, series start, fout_soort; outbox_ontvanger (endpoint overrides, pause)

What the dispatcher needs (issue "Bekostiging, digitaal in/uitschrijfbewijs and every push
through a durable outbox"): ``outbox.claim``/``geclaimd_tot`` (a worker's lease while it
delivers), ``reeks_begin_op`` (the age limit counts from insert or the last replay),
``laatste_poging_op``, ``fout_soort`` (tijdelijk / afgewezen), an index for "the oldest
waiting message per administratie", and ``outbox_ontvanger`` for endpoint overrides and
pauses that every process sees.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 19:54:26.978647
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outbox_ontvanger',
    sa.Column('administratie_oin', sa.String(length=20), nullable=False),
    sa.Column('endpoint', sa.String(length=500), nullable=True),
    sa.Column('gepauzeerd', sa.Boolean(), nullable=False),
    sa.Column('gewijzigd_op', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('administratie_oin')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('fout_soort', sa.String(length=12), nullable=True))
        # nullable first: rows written before this revision get their creation time below
        batch_op.add_column(sa.Column('reeks_begin_op', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('laatste_poging_op', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claim', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('geclaimd_tot', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index('ix_outbox_administratie_status', ['administratie_oin', 'status', 'id'], unique=False)
    op.execute("UPDATE outbox SET reeks_begin_op = aangemaakt_op")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('reeks_begin_op', existing_type=sa.DateTime(timezone=True), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_administratie_status')
        batch_op.drop_column('geclaimd_tot')
        batch_op.drop_column('claim')
        batch_op.drop_column('laatste_poging_op')
        batch_op.drop_column('reeks_begin_op')
        batch_op.drop_column('fout_soort')

    op.drop_table('outbox_ontvanger')
